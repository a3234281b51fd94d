/**
 * Query throughput over 100 000 restore sessions: autocannon in its own process against the mock
 * listening in this one. Each case's ratio is to the unfiltered single page measured in the same
 * run and mode; "engine" runs with the response cache off, so every request filters, sorts and
 * renders afresh (what a stream of distinct queries costs), "cached" is a client repeating one.
 *
 *   npm run bench:query        BENCH_SECONDS (default 5), BENCH_CONNECTIONS (50), BENCH_QUERY_SESSIONS (100000)
 */
import { buildApp } from '../src/app.js';
import { defaultConfig } from '../src/config.js';
// @ts-expect-error: a plain ES module shared by the benches, without type declarations.
import { ACCEPT, CONNECTIONS, hammer, logon, SECONDS, table } from './lib.mjs';

interface Hammered {
  rps: number;
  p99: number;
  bytes: number;
}
const load = hammer as (o: { url: string; headers: Record<string, string> }) => Promise<Hammered>;

const CLOCK_START = Date.parse('2026-11-29T12:00:00Z');
const SESSIONS = Number(process.env.BENCH_QUERY_SESSIONS ?? 100_000);

const app = await buildApp({ config: defaultConfig({ port: 0, clockStart: CLOCK_START, restoreSessions: SESSIONS }) });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
const auth = (await logon(base)) as Record<string, string>;

const FILTER = encodeURIComponent(
  'CreationTime>="2026-10-01T00:00:00Z";CreationTime<"2026-11-15T00:00:00Z";(Result==Warning,Result==Failed);VmDisplayName!="web-101"',
);
const cases: [string, string][] = [
  ['unfiltered, one page of 100', '/api/query?type=RestoreSession&pageSize=100'],
  [
    'filtered+sorted refs, page 2 of 100',
    `/api/query?type=RestoreSession&filter=${FILTER}&sortDesc=Name&pageSize=100&page=2`,
  ],
  [
    'filtered+sorted entities, page 2 of 100',
    `/api/query?type=RestoreSession&format=Entities&filter=${FILTER}&sortDesc=Name&pageSize=100&page=2`,
  ],
  [
    'time-sorted entities, last 30 days, page 1',
    `/api/query?type=RestoreSession&format=Entities&filter=CreationTime>2026-10-30&sortDesc=CreationTime&pageSize=100`,
  ],
];

const rows: (string | number)[][] = [['format', 'mode', 'case', 'KB', 'req/s', 'ratio', 'p99 ms']];
for (const fmt of ['xml', 'json'] as const) {
  for (const [mode, cached] of [
    ['engine', false],
    ['cached', true],
  ] as const) {
    app.responses.enabled = cached;
    let unfiltered = 0;
    for (const [name, path] of cases) {
      const r = await load({ url: base + path, headers: { ...auth, Accept: ACCEPT[fmt] } });
      if (unfiltered === 0) unfiltered = r.rps;
      rows.push([
        fmt,
        mode,
        name,
        (r.bytes / 1024).toFixed(0),
        r.rps.toFixed(0),
        (r.rps / unfiltered).toFixed(2),
        r.p99,
      ]);
    }
  }
}
console.log(
  `restore sessions: ${app.store.restoreSessions.size}; ${SECONDS}s per case, ${CONNECTIONS} connections (autocannon, own process); node ${process.version}`,
);
(table as (rows: (string | number)[][]) => void)(rows);
await app.close();
