/**
 * Query throughput over 100 000 restore sessions, in-process through app.inject (no sockets).
 * Prints requests per second per case and its ratio to the unfiltered single-page case measured
 * in the same run, so figures compare across machines.
 *
 *   node --import ./node_modules/@tapjs/typescript/dist/esm/import.mjs bench/query.ts [seconds-per-case]
 */
import { buildApp } from '../src/app.js';
import { defaultConfig } from '../src/config.js';

const CLOCK_START = Date.parse('2026-11-29T12:00:00Z');
const SECONDS = Number(process.argv[2] ?? 3);
const HOST = 'bench.local:9398';

const app = await buildApp({ config: defaultConfig({ clockStart: CLOCK_START, restoreSessions: 100_000 }), realNow: () => CLOCK_START });
await app.ready();
const logon = await app.inject({
  method: 'POST',
  url: '/api/sessionMngr/?v=latest',
  headers: { host: HOST, authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` },
});
const token = logon.headers['x-restsvcsessionid'] as string;

const FILTER = encodeURIComponent('CreationTime>="2026-10-01T00:00:00Z";CreationTime<"2026-11-15T00:00:00Z";(Result==Warning,Result==Failed);VmDisplayName!="web-101"');
const cases: [string, string][] = [
  ['baseline: unfiltered, one page of 100', '/api/query?type=RestoreSession&pageSize=100'],
  ['filtered+sorted refs, page 2 of 100', `/api/query?type=RestoreSession&filter=${FILTER}&sortDesc=Name&pageSize=100&page=2`],
  ['filtered+sorted entities, page 2 of 100', `/api/query?type=RestoreSession&format=Entities&filter=${FILTER}&sortDesc=Name&pageSize=100&page=2`],
  ['time-sorted entities, last 30 days, page 1', `/api/query?type=RestoreSession&format=Entities&filter=CreationTime>2026-10-30&sortDesc=CreationTime&pageSize=100`],
];

async function rate(url: string, accept: string): Promise<{ rps: number; count: number }> {
  const headers = { host: HOST, 'x-restsvcsessionid': token, accept };
  const first = await app.inject({ method: 'GET', url, headers });
  if (first.statusCode !== 200) throw new Error(`${url}: ${first.statusCode} ${first.body.slice(0, 300)}`);
  const count = (first.body.match(/"UID"|<Ref |<RestoreSession /g) ?? []).length;
  const end = performance.now() + SECONDS * 1000;
  let n = 0;
  const start = performance.now();
  while (performance.now() < end) {
    await app.inject({ method: 'GET', url, headers });
    n++;
  }
  return { rps: n / ((performance.now() - start) / 1000), count };
}

console.log(`restore sessions: ${app.store.restoreSessions.size}; ${SECONDS}s per case; node ${process.version}`);
for (const [fmt, accept] of [
  ['XML', 'application/xml'],
  ['JSON', 'application/json'],
] as const) {
  let base = 0;
  for (const [name, url] of cases) {
    const { rps, count } = await rate(url, accept);
    if (base === 0) base = rps;
    console.log(`${fmt.padEnd(4)} ${name.padEnd(44)} ${rps.toFixed(0).padStart(6)} req/s  x${(rps / base).toFixed(2)}  (${count} items)`);
  }
}
await app.close();
