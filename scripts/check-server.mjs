#!/usr/bin/env node
// Starts a mock with the given command, waits for its JSON ready line, logs on over the URL it
// announces, lists restore sessions, then stops it. Exit 0 only if all of that worked.
// Usage: node scripts/check-server.mjs -- <command> [args...]
// Needs the repo built (dist/src/probe.js).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { probe } from '../dist/src/probe.js';

const READY_TIMEOUT_MS = 60_000;
const sep = process.argv.indexOf('--');
if (sep < 0 || sep === process.argv.length - 1) {
  console.error('usage: check-server.mjs -- <command> [args...]');
  process.exit(2);
}
const [cmd, ...args] = process.argv.slice(sep + 1);

const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
const stop = () => {
  // The command may be a wrapper (npx, buildah run): signal its whole process group.
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {}
};

const ready = new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`no ready line within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
  child.once('exit', (code) => reject(new Error(`server exited with code ${code} before its ready line`)));
  createInterface({ input: child.stdout }).on('line', (line) => {
    try {
      const info = JSON.parse(line);
      if (typeof info.url === 'string') {
        clearTimeout(timer);
        resolve(info);
      }
    } catch {
      // not the ready line (npx may print notices)
    }
  });
});

try {
  const info = await ready;
  const summary = await probe(info.url, { logon: { user: 'admin', password: 'admin' } });
  console.log(`ok: ${summary}`);
  stop();
  process.exit(0);
} catch (err) {
  console.error(`FAILED: ${err instanceof Error ? err.message : String(err)}`);
  stop();
  process.exit(1);
}
