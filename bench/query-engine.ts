/**
 * The query engine in-process, without sockets: CPU time per request of the bench's filtered and
 * sorted query against the unfiltered page of 100, in alternated rounds (this machine is shared,
 * so each figure is the median of the rounds and the ratio is taken within each round). "inject"
 * goes through Fastify with the response cache off (parse, filter, sort, render); "engine" is
 * `runQuery` alone.
 *
 *   npm run bench:query-engine   BENCH_ROUNDS (default 15), BENCH_QUERY_SESSIONS (100000)
 */
import { buildApp } from '../src/app.js';
import { defaultConfig } from '../src/config.js';
import { runQuery } from '../src/query/engine.js';
import { parseQueryRequest, QueryTypes } from '../src/query/request.js';
import { resourceTypes } from '../src/resources/index.js';

const CLOCK_START = Date.parse('2026-11-29T12:00:00Z');
const SESSIONS = Number(process.env.BENCH_QUERY_SESSIONS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);

const app = await buildApp({ config: defaultConfig({ clockStart: CLOCK_START, restoreSessions: SESSIONS }) });
app.responses.enabled = false;
const token = (
  await app.inject({
    method: 'POST',
    url: '/api/sessionMngr/?v=latest',
    headers: { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` },
  })
).headers['x-restsvcsessionid'] as string;

const FILTER = encodeURIComponent(
  'CreationTime>="2026-10-01T00:00:00Z";CreationTime<"2026-11-15T00:00:00Z";(Result==Warning,Result==Failed);VmDisplayName!="web-101"',
);
const cases: [string, string][] = [
  ['unfiltered, one page of 100', 'type=RestoreSession&pageSize=100'],
  ['filtered+sorted refs, page 2', `type=RestoreSession&filter=${FILTER}&sortDesc=Name&pageSize=100&page=2`],
  ['filter only, page 2', `type=RestoreSession&filter=${FILTER}&pageSize=100&page=2`],
  ['sorted by Name only, page 2', 'type=RestoreSession&sortDesc=Name&pageSize=100&page=2'],
];

const types = new QueryTypes(resourceTypes);
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function perCall(n: number, fn: () => unknown): Promise<number> {
  const start = cpu();
  for (let i = 0; i < n; i++) await fn();
  return (cpu() - start) / n;
}

const inject = (q: string) => () =>
  app.inject({ method: 'GET', url: `/api/query?${q}`, headers: { 'x-restsvcsessionid': token } });
const engine = (q: string) => {
  const { entry, plan } = parseQueryRequest(q, types);
  const collection = entry.modelled!.type.collection(app.store);
  return () => runQuery(collection, plan, app.clock.now());
};

const samples = new Map<string, number[]>();
const push = (k: string, v: number) => samples.set(k, [...(samples.get(k) ?? []), v]);
for (const [, q] of cases) await perCall(3, inject(q));
for (let round = 0; round < ROUNDS; round++) {
  let base = { inject: 0, engine: 0 };
  for (const [name, q] of cases) {
    const i = await perCall(10, inject(q));
    const e = await perCall(10, engine(q));
    if (base.inject === 0) base = { inject: i, engine: e };
    push(`${name}|inject ms`, i);
    push(`${name}|engine ms`, e);
    push(`${name}|inject ratio`, base.inject / i);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
console.log(
  `restore sessions: ${app.store.restoreSessions.size}; ${ROUNDS} rounds of 10 calls; node ${process.version}`,
);
console.log(['case', 'inject ms', 'engine ms', 'inject ratio'].join(' | '));
for (const [name] of cases) {
  const m = (k: string) => median(samples.get(`${name}|${k}`)!);
  console.log([name, m('inject ms').toFixed(3), m('engine ms').toFixed(3), m('inject ratio').toFixed(3)].join(' | '));
}
const mem = process.memoryUsage();
console.log(`rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB`);
await app.close();
