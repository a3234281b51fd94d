#!/usr/bin/env node
// Start-up time: process spawn to the CLI's JSON ready line, default dataset, median of RUNS,
// next to `node -e 0` (the floor any Node program pays) measured in the same run, interleaved.
// Usage: npm run bench:startup   (or: npm run build && node bench/startup.mjs [runs])
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));
if (!existsSync(cli)) {
  console.error('build first: npm run build');
  process.exit(2);
}
const RUNS = Math.min(Math.max(Number(process.argv[2] ?? 9), 1), 50);
const TIMEOUT_MS = 30_000;

/** ms from spawn until `done(stdout so far)` is true (or the process exits); the process is then stopped. */
function time(args, done) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    const elapsed = () => Number(process.hrtime.bigint() - start) / 1e6;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')}: not ready within ${TIMEOUT_MS} ms`));
    }, TIMEOUT_MS);
    let out = '';
    let ms;
    child.stdout.on('data', (c) => {
      out += c;
      if (ms === undefined && done(out)) {
        ms = elapsed();
        child.kill('SIGTERM');
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(ms ?? elapsed());
    });
    child.on('error', reject);
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const readyLine = (out) => out.includes('\n') && out.startsWith('{"url":');
const cases = [
  ['node -e 0 (baseline)', ['-e', '0'], () => false],
  ['veeam-em-mock --port 0', [cli, '--port', '0'], readyLine],
  ['veeam-em-mock --port 0 --tls', [cli, '--port', '0', '--tls'], readyLine],
];
const samples = cases.map(() => []);
for (let i = 0; i < RUNS; i++) {
  for (const [j, [, args, done]] of cases.entries()) samples[j].push(await time(args, done));
}
const base = median(samples[0]);
console.log(`start-up, spawn to ready line, median of ${RUNS} runs (node ${process.version}):`);
for (const [j, [name]] of cases.entries()) {
  const m = median(samples[j]);
  console.log(`  ${name.padEnd(32)} ${m.toFixed(0).padStart(5)} ms   ${(m / base).toFixed(2)}x baseline`);
}
