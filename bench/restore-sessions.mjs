// An authenticated 100-entity page (GET /api/restoreSessions?format=Entity and a 100-item /query
// page), and the job session lists (every backup session as entities, a 100-item BackupJobSession
// query page: cached under the running clock until a running session's next progress step), XML
// and JSON, against a bare Fastify route sending the very same bytes, in one run:
// autocannon in its own process, 50 connections. The mock also runs with its response cache off,
// which is the cost of building every answer afresh. Run: npm run bench
// BENCH_SECONDS (default 5), BENCH_ROUNDS (3), BENCH_CONNECTIONS (50) and BENCH_SESSIONS (290: 100 inside the window) change the run.
import { buildApp } from '../dist/src/app.js';
import { defaultConfig } from '../dist/src/config.js';
import { ACCEPT, bareServer, bodyOf, CONNECTIONS, hammer, logon, median, SECONDS, table } from './lib.mjs';

const sessions = Number(process.env.BENCH_SESSIONS ?? 290);
const app = await buildApp({
  config: defaultConfig({
    port: 0,
    seed: 1,
    restoreSessions: sessions,
    clockStart: Date.parse('2026-11-29T12:00:00Z'),
  }),
});
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${app.server.address().port}`;
const auth = await logon(base);

const paths = [
  '/api/restoreSessions?format=Entity',
  '/api/query?type=RestoreSession&format=Entities&pageSize=100',
  '/api/backupSessions?format=Entity',
  '/api/query?type=BackupJobSession&format=Entities&pageSize=100',
];
const cases = [];
for (const path of paths)
  for (const fmt of ['xml', 'json']) cases.push({ path, fmt, headers: { ...auth, Accept: ACCEPT[fmt] } });
const bodies = [];
for (const c of cases) bodies.push(await bodyOf(base + c.path, c.headers));
const bare = await bareServer(bodies);

// The machine is shared: each case runs ROUNDS times, ceiling and mock back to back, and the
// table gives the median of the per-round ratios with their range (the noise).
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const rows = [['case', 'KB', 'req/s', 'ratio (median)', 'ratio range', 'p99 ms', 'p99 ratio']];
const range = (xs) => `${Math.min(...xs).toFixed(2)}-${Math.max(...xs).toFixed(2)}`;
for (const [n, c] of cases.entries()) {
  const runs = { ceiling: [], mock: [], cold: [] };
  for (let round = 0; round < ROUNDS; round++) {
    runs.ceiling.push(await hammer({ url: bare.url(n) }));
    app.responses.enabled = true;
    runs.mock.push(await hammer({ url: base + c.path, headers: c.headers }));
    app.responses.enabled = false;
    runs.cold.push(await hammer({ url: base + c.path, headers: c.headers }));
  }
  app.responses.enabled = true;
  const kb = (bodies[n].body.length / 1024).toFixed(0);
  const row = (name, which) => {
    const ratios = runs[which].map((r, i) => r.rps / runs.ceiling[i].rps);
    const p99s = runs[which].map((r, i) => r.p99 / Math.max(runs.ceiling[i].p99, 1));
    return [
      name,
      kb,
      median(runs[which].map((r) => r.rps)).toFixed(0),
      median(ratios).toFixed(2),
      range(ratios),
      median(runs[which].map((r) => r.p99)),
      median(p99s).toFixed(2),
    ];
  };
  rows.push(row(`bare Fastify, same ${c.fmt} bytes`, 'ceiling'));
  rows.push(row(`mock ${c.path} (${c.fmt})`, 'mock'));
  rows.push(row(`  same, response cache off`, 'cold'));
}
const entities = (bodies[1].body.toString().match(/"UID"/g) ?? []).length;
console.log(
  `${entities} restore sessions in the window of ${sessions}; ${ROUNDS} rounds of ${SECONDS}s per case, ${CONNECTIONS} connections (autocannon, own process); node ${process.version}`,
);
table(rows);
await app.close();
await bare.close();
