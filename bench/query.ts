/**
 * Query throughput over 100 000 restore sessions: autocannon in its own process against the mock
 * listening in this one. Each case's ratio is to the unfiltered single page of the same format
 * (references or entities), measured right before it in the same mode: the machine drifts over a
 * round, a pair shares its minute. Rounds repeat the pairs; the table shows medians. "engine" runs
 * with the response cache off, so every request filters, sorts and renders afresh (only the
 * compiled filter is kept, as for any filter a client repeats; a stream of distinct filters also
 * pays ~11 us each to parse), "cached" is a client repeating one. Each case is warmed up first
 * (the field indexes are built on a query's second request, and the JIT compiles the paths a
 * query takes).
 *
 * Then in-process, as CPU time (steadier than throughput on a loaded machine): the whole request
 * through Fastify's inject with the cache off, as a ratio to the unfiltered page of the same
 * format and round; the engine alone (`runQuery`) with the field indexes and with the plain scan,
 * alternated; and the memory the indexes hold.
 *
 *   npm run bench:query   BENCH_SECONDS (default 5), BENCH_ROUNDS (3), BENCH_CONNECTIONS (50), BENCH_QUERY_SESSIONS (100000)
 */
import { buildApp } from '../src/app.js';
import { defaultConfig } from '../src/config.js';
import { runQuery, type IndexUse } from '../src/query/engine.js';
import { collectionIndex } from '../src/query/fieldIndex.js';
import { parseQueryRequest, QueryTypes } from '../src/query/request.js';
import { resourceTypes } from '../src/resources/index.js';
// @ts-expect-error: a plain ES module shared by the benches, without type declarations.
import { ACCEPT, CONNECTIONS, hammer, logon, median, SECONDS, table } from './lib.mjs';

interface Hammered {
  rps: number;
  p99: number;
  bytes: number;
}
const load = hammer as (o: { url: string; headers: Record<string, string> }) => Promise<Hammered>;
const mid = median as (xs: number[]) => number;
const print = table as (rows: (string | number)[][]) => void;

const CLOCK_START = Date.parse('2026-11-29T12:00:00Z');
const SESSIONS = Number(process.env.BENCH_QUERY_SESSIONS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const app = await buildApp({ config: defaultConfig({ port: 0, clockStart: CLOCK_START, restoreSessions: SESSIONS }) });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
const auth = (await logon(base)) as Record<string, string>;

const FILTER = encodeURIComponent(
  'CreationTime>="2026-10-01T00:00:00Z";CreationTime<"2026-11-15T00:00:00Z";(Result==Warning,Result==Failed);VmDisplayName!="web-101"',
);
// Each case with the unfiltered page it is compared with: the same format (references or
// entities), so a ratio is the cost of filtering and sorting, not of a bigger body.
const cases: [name: string, query: string, baseline: string][] = [
  ['unfiltered, one page of 100', 'type=RestoreSession&pageSize=100', ''],
  ['unfiltered entities, one page of 100', 'type=RestoreSession&format=Entities&pageSize=100', ''],
  [
    'filtered+sorted refs, page 2 of 100',
    `type=RestoreSession&filter=${FILTER}&sortDesc=Name&pageSize=100&page=2`,
    'unfiltered, one page of 100',
  ],
  [
    'filtered+sorted entities, page 2 of 100',
    `type=RestoreSession&format=Entities&filter=${FILTER}&sortDesc=Name&pageSize=100&page=2`,
    'unfiltered entities, one page of 100',
  ],
  [
    'time-sorted entities, last 30 days, page 1',
    'type=RestoreSession&format=Entities&filter=CreationTime>2026-10-30&sortDesc=CreationTime&pageSize=100',
    'unfiltered entities, one page of 100',
  ],
];

const runs = new Map<string, { rps: number[]; ratio: number[]; p99: number[]; kb: number }>();
const queryOf = new Map(cases.map(([name, query]) => [name, query]));
for (let round = 0; round < ROUNDS; round++) {
  for (const fmt of ['xml', 'json'] as const) {
    for (const [mode, cached] of [
      ['engine', false],
      ['cached', true],
    ] as const) {
      app.responses.enabled = cached;
      const headers = { ...auth, Accept: ACCEPT[fmt] };
      const url = (name: string) => `${base}/api/query?${queryOf.get(name)}`;
      for (const [name] of cases)
        for (let i = 0; i < 50; i++) await (await fetch(url(name), { headers })).arrayBuffer();
      const record = (name: string, r: Hammered, ratio: number) => {
        const key = `${fmt}|${mode}|${name}`;
        const row = runs.get(key) ?? { rps: [], ratio: [], p99: [], kb: r.bytes / 1024 };
        row.rps.push(r.rps);
        row.ratio.push(ratio);
        row.p99.push(r.p99);
        runs.set(key, row);
      };
      // Each case right after its baseline: the machine drifts over a round, a pair shares its minute.
      for (const [name, , baseline] of cases) {
        if (baseline === '') continue;
        const b = await load({ url: url(baseline), headers });
        const r = await load({ url: url(name), headers });
        record(baseline, b, 1);
        record(name, r, r.rps / b.rps);
      }
    }
  }
}
console.log(
  `restore sessions: ${app.store.restoreSessions.size}; ${SECONDS}s per case, ${CONNECTIONS} connections (autocannon, own process), medians of ${ROUNDS} rounds; node ${process.version}`,
);
const rows: (string | number)[][] = [['format', 'mode', 'case', 'KB', 'req/s', 'ratio to unfiltered', 'p99 ms']];
for (const [key, r] of runs) {
  rows.push([...key.split('|'), r.kb.toFixed(0), mid(r.rps).toFixed(0), mid(r.ratio).toFixed(2), mid(r.p99)]);
}
print(rows);

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
// The whole request in-process (Fastify inject, cache off): CPU time, the cases alternated per round.
app.responses.enabled = false;
const inject = (query: string) => () =>
  app.inject({
    method: 'GET',
    url: `/api/query?${query}`,
    headers: { 'x-restsvcsessionid': auth['X-RestSvcSessionId']! },
  });
const injected = new Map<string, number[]>();
for (let round = 0; round < ROUNDS * 3; round++) {
  const msOf = new Map<string, number>();
  for (const [name, query, baseline] of cases) {
    const start = cpu();
    for (let i = 0; i < 10; i++) await inject(query)();
    const ms = (cpu() - start) / 10;
    msOf.set(name, ms);
    injected.set(name, [...(injected.get(name) ?? []), ms, msOf.get(baseline || name)! / ms]);
  }
}
const injectRows: (string | number)[][] = [['case', 'inject ms (CPU)', 'ratio']];
for (const [name, xs] of injected) {
  const ms = xs.filter((_, i) => i % 2 === 0);
  const ratio = xs.filter((_, i) => i % 2 === 1);
  injectRows.push([name, mid(ms).toFixed(3), mid(ratio).toFixed(2)]);
}
print(injectRows);

// The engine alone: parse once, then CPU time per runQuery, indexes against the plain scan.
const types = new QueryTypes(resourceTypes);
const engineRows: (string | number)[][] = [['case', 'plain scan ms', 'indexed ms', 'speed-up']];
for (const [name, query, baseline] of cases) {
  if (baseline === '') continue;
  const { entry, plan } = parseQueryRequest(query, types);
  const collection = entry.modelled!.type.collection(app.store);
  const per = (use: IndexUse, n: number) => {
    const start = cpu();
    for (let i = 0; i < n; i++) runQuery(collection, plan, app.clock.now(), use);
    return (cpu() - start) / n;
  };
  const plain: number[] = [];
  const indexed: number[] = [];
  for (let round = 0; round < ROUNDS * 3; round++) {
    plain.push(per('never', 3));
    indexed.push(per('always', 30));
  }
  const [p, x] = [mid(plain), mid(indexed)];
  engineRows.push([name, p.toFixed(3), x.toFixed(3), `${(p / x).toFixed(0)}x`]);
}
print(engineRows);
const bytes = collectionIndex(app.store.restoreSessions, 'always')!.bytes();
console.log(
  `field indexes held for restore sessions: ${(bytes / 2 ** 20).toFixed(1)} MiB (${(((bytes / app.store.restoreSessions.size) * 100_000) / 2 ** 20).toFixed(1)} MiB per 100 000)`,
);
await app.close();
