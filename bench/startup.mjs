#!/usr/bin/env node
// Start-up: spawn to the CLI's ready line (default dataset), against a bare Fastify server's spawn
// to its first 200, measured in the same run, interleaved; median of RUNS. Also `node -e 0`, the
// floor any Node program pays, `--help` (the bundled CLI's module loading and nothing else), and how
// the library's start-up splits (its unbundled modules, then the estate).
// Usage: npm run bench:startup   (or: npm run build && node bench/startup.mjs [runs])
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { median, table, timeSpawn } from './lib.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = `${root}dist/bin/cli.js`;
if (!existsSync(cli)) {
  console.error('build first: npm run build');
  process.exit(2);
}
const RUNS = Math.min(Math.max(Number(process.argv[2] ?? process.env.BENCH_RUNS ?? 9), 1), 50);
const TIMEOUT_MS = 60_000;

/** A bare Fastify server: one route, prints its port once listening. */
const BARE = `import Fastify from 'fastify';
const app = Fastify();
app.get('/', async () => ({ ok: true }));
await app.listen({ port: 0, host: '127.0.0.1' });
console.log(JSON.stringify({ url: 'http://127.0.0.1:' + app.server.address().port + '/' }));`;

/**
 * Where an embedder's start-up goes (the library as tsc emits it, one file per module): module
 * loading, then building the app (the estate) and listening; then what building the whole deferred
 * history costs, which the ready line does not wait for.
 */
const SPLIT = `const t0 = performance.now();
const { buildApp } = await import(${JSON.stringify(`${root}dist/src/app.js`)});
const { defaultConfig } = await import(${JSON.stringify(`${root}dist/src/config.js`)});
const t1 = performance.now();
const app = await buildApp({ config: defaultConfig({ port: 0 }) });
await app.listen({ port: 0, host: '127.0.0.1' });
const t2 = performance.now();
const { runNow } = await import(${JSON.stringify(`${root}dist/data/steps.js`)});
runNow(app.dataset.store.complete());
const t3 = performance.now();
console.log(JSON.stringify({ url: 'x', load: t1 - t0, build: t2 - t1, history: t3 - t2, boot: t0 }));
await app.close();`;

/** After the mock's ready line: logs on and lists restore sessions as entities (they need the generated history). */
async function firstData(url) {
  const logon = await fetch(`${url}sessionMngr/?v=latest`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` },
  });
  const headers = { 'X-RestSvcSessionId': logon.headers.get('x-restsvcsessionid'), Accept: 'application/json' };
  const res = await fetch(`${url}restoreSessions?format=Entity`, { headers });
  await res.arrayBuffer();
  return res;
}

/** ms from spawn to the first stdout line, or past a GET of its url (`firstGet`) or `firstData`, or to its exit. */
function time(args, { firstGet = false, data = false, exit = false } = {}) {
  const afterLine =
    firstGet || data
      ? async (line) => {
          const res = data ? await firstData(line.url) : await fetch(line.url);
          if (res.status !== 200) throw new Error(`first GET: ${res.status}`);
        }
      : undefined;
  return timeSpawn(args, { cwd: root, timeoutMs: TIMEOUT_MS, afterLine, untilExit: exit });
}

const cases = [
  ['node -e 0 (floor)', ['-e', '0'], {}],
  ['veeam-em-mock --help (loading the bundled CLI, to exit)', [cli, '--help'], { exit: true }],
  ['bare Fastify, spawn to first 200', ['--input-type=module', '-e', BARE], { firstGet: true }],
  ['veeam-em-mock --port 0, spawn to ready line', [cli, '--port', '0'], {}],
  ['veeam-em-mock --port 0, spawn to first 200', [cli, '--port', '0'], { firstGet: true }],
  ['veeam-em-mock --port 0, spawn to logon + restore session entities', [cli, '--port', '0'], { data: true }],
];
const samples = cases.map(() => []);
const split = { load: [], build: [], history: [] };
for (let i = 0; i < RUNS; i++) {
  for (const [j, [, args, opts]] of cases.entries()) samples[j].push((await time(args, opts)).ms);
  const { line } = await time(['--input-type=module', '-e', SPLIT]);
  split.load.push(line.load);
  split.build.push(line.build);
  split.history.push(line.history);
}
const bare = median(samples[cases.findIndex(([name]) => name.startsWith('bare Fastify'))]);
const rows = [['case', 'median ms', 'ratio to bare Fastify']];
for (const [j, [name]] of cases.entries())
  rows.push([name, median(samples[j]).toFixed(0), (median(samples[j]) / bare).toFixed(2)]);
rows.push(["library (unbundled): loading the mock's modules", median(split.load).toFixed(0), '']);
rows.push(['library: building the app and estate, listening', median(split.build).toFixed(0), '']);
rows.push(['then: the deferred history, all of it (first use or background)', median(split.history).toFixed(0), '']);
console.log(`start-up, median of ${RUNS} runs, interleaved (node ${process.version}):`);
table(rows);
