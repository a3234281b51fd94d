#!/usr/bin/env node
// Starts a mock with the given command, waits for its JSON ready line, logs on over the URL it
// announces, lists restore sessions, then stops it. Exit 0 only if all of that worked.
// Usage: node scripts/check-server.mjs [--then '<shell command>'] -- <command> [args...]
// --then runs once the probe passed, while the server still runs (e.g. the container's health
// check), and must exit 0; it sees the ready line's pid and url as READY_PID and READY_URL.
// Needs the repo built (dist/src/probe.js).
import { spawn, execSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { probe } from '../dist/src/probe.js';

const READY_TIMEOUT_MS = 60_000;
const sep = process.argv.indexOf('--');
if (sep < 0 || sep === process.argv.length - 1) {
  console.error('usage: check-server.mjs -- <command> [args...]');
  process.exit(2);
}
const [cmd, ...args] = process.argv.slice(sep + 1);
const thenAt = process.argv.indexOf('--then');
const then = thenAt > 0 && thenAt < sep ? process.argv[thenAt + 1] : undefined;

const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
const stop = () => {
  // The command may be a wrapper (npx, buildah run): signal its whole process group.
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {}
};

const ready = new Promise((resolve, reject) => {
  const timer = setTimeout(
    () => reject(new Error(`no ready line within ${READY_TIMEOUT_MS / 1000} s`)),
    READY_TIMEOUT_MS,
  );
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
  if (then)
    execSync(then, {
      stdio: 'inherit',
      timeout: 60_000,
      env: { ...process.env, READY_PID: String(info.pid), READY_URL: info.url },
    });
  stop();
  process.exit(0);
} catch (err) {
  console.error(`FAILED: ${err instanceof Error ? err.message : String(err)}`);
  stop();
  process.exit(1);
}
