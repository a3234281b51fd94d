// Measures GET /api/restoreSessions?format=Entity (XML and JSON) against a bare Fastify route
// that sends the same bytes, in the same run, and prints the ratios. Run: npm run bench
import Fastify from 'fastify';
import { buildApp } from '../dist/src/app.js';
import { defaultConfig } from '../dist/src/config.js';
import { load, table } from './lib.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const sessions = Number(process.env.BENCH_SESSIONS ?? 200);

const app = await buildApp({
  config: defaultConfig({ port: 0, seed: 1, restoreSessions: sessions, clockStart: Date.parse('2026-11-29T12:00:00Z') }),
});
await app.listen({ port: 0, host: '127.0.0.1' });
const port = app.server.address().port;
const logon = await fetch(`http://127.0.0.1:${port}/api/sessionMngr/?v=latest`, {
  method: 'POST',
  headers: { Authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` },
});
// A long clock-frozen run would expire the token; the clock runs in real time and the bench is short.
const token = logon.headers.get('x-restsvcsessionid');
const path = '/api/restoreSessions?format=Entity';
const auth = { 'X-RestSvcSessionId': token, Host: `127.0.0.1:${port}` };

// The baseline: the same bytes from a route that does nothing else.
const bodies = {};
for (const [fmt, accept] of [['xml', 'application/xml'], ['json', 'application/json']]) {
  bodies[fmt] = Buffer.from(await (await fetch(`http://127.0.0.1:${port}${path}`, { headers: { ...auth, Accept: accept } })).text());
}
const bare = Fastify();
bare.get('/xml', (_req, reply) => reply.header('content-type', 'application/xml').send(bodies.xml));
bare.get('/json', (_req, reply) => reply.header('content-type', 'application/json').send(bodies.json));
await bare.listen({ port: 0, host: '127.0.0.1' });
const barePort = bare.server.address().port;

const rows = [['case', 'req/s', 'KB/req', 'ratio to bare']];
for (const [fmt, accept] of [['xml', 'application/xml'], ['json', 'application/json']]) {
  const base = await load({ port: barePort, path: `/${fmt}`, seconds });
  const mock = await load({ port, path, headers: { ...auth, Accept: accept }, seconds });
  rows.push([`bare Fastify, same ${fmt} bytes`, base.rps.toFixed(0), base.kbPerReq.toFixed(1), '1.00']);
  rows.push([`mock ${path} (${fmt})`, mock.rps.toFixed(0), mock.kbPerReq.toFixed(1), (mock.rps / base.rps).toFixed(2)]);
}
console.log(`restore sessions in window: ${bodies.json.toString().split('"UID"').length - 1} of ${sessions}; ${seconds}s per case, 8 connections`);
table(rows);
await app.close();
await bare.close();
