#!/usr/bin/env node
// Scale: spawn to ready line, and to every restore session built (the history is built on first
// use: the control plane's count of them asks for it), with resident memory, for large
// restore-session counts (default 100 000 and 1 000 000), with the default 200 as the reference
// measured in the same run. RSS and CPU time are read from /proc once all are built; peak is the
// memory high-water mark up to then.
// The machine's other load stretches wall time; CPU time shows the work itself.
// Usage: npm run bench:scale   (BENCH_SCALE=100000,1000000 changes the sizes)
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { table, timeSpawn } from './lib.mjs';

const cli = fileURLToPath(new URL('../dist/bin/cli.js', import.meta.url));
if (!existsSync(cli)) {
  console.error('build first: npm run build');
  process.exit(2);
}
const sizes = [200, ...(process.env.BENCH_SCALE ?? '100000,1000000').split(',').map(Number)];
const TIMEOUT_MS = 300_000;

/** Kilobytes of a /proc/<pid>/status field (Linux); undefined elsewhere. */
function procKb(pid, field) {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) a process has used: a figure the machine's other load disturbs less than wall time. */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** Spawn to ready line, then to every restore session built (the control plane's count asks for them all). */
async function start(n) {
  const r = await timeSpawn([cli, '--port', '0', '--restore-sessions', String(n)], {
    timeoutMs: TIMEOUT_MS,
    afterLine: async (line, pid) => {
      await (await fetch(new URL('/__mock/ready', line.url))).text();
      return { cpu: cpuSeconds(pid), rss: procKb(pid, 'VmRSS'), peak: procKb(pid, 'VmHWM') };
    },
  });
  if (r.line === undefined) throw new Error(`${n} sessions: exited before ready`);
  return { ...r, ready: r.lineMs };
}

const mb = (kb) => (kb === undefined ? 'n/a' : (kb / 1024).toFixed(0));
const rows = [['restore sessions', 'ready line ms', 'all built ms', 'ratio to 200', 'CPU s', 'RSS MiB', 'peak MiB']];
let base;
for (const n of sizes) {
  const r = await start(n);
  base ??= r.ms;
  rows.push([
    n.toLocaleString('en'),
    r.ready.toFixed(0),
    r.ms.toFixed(0),
    (r.ms / base).toFixed(2),
    r.cpu?.toFixed(2) ?? 'n/a',
    mb(r.rss),
    mb(r.peak),
  ]);
}
console.log(`scale: spawn to ready line and to every restore session built, memory then (node ${process.version})`);
table(rows);
