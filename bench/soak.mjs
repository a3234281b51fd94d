// Soak: a mixed load against the built CLI on 127.0.0.1 for a given time; prints the server's
// RSS and the p99 latency of the first and the last window, and the growth between them.
//   node bench/soak.mjs [seconds=60] [concurrency=8]     (SOAK_SECONDS, SOAK_CONCURRENCY also work)
import http from 'node:http';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const seconds = Number(process.argv[2] ?? process.env.SOAK_SECONDS ?? 60);
const concurrency = Number(process.argv[3] ?? process.env.SOAK_CONCURRENCY ?? 8);
const windowMs = Math.min(10_000, (seconds * 1000) / 4);
const cli = fileURLToPath(new URL('../dist/bin/cli.js', import.meta.url));

const child = spawn(process.execPath, [cli, '--port', '0', '--restore-sessions', '200', '--journal-size', '1000'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
// Whatever ends this script (an error included) ends the server it started.
process.once('exit', () => {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});
const ready = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('no ready line within 120 s')), 120_000);
  child.once('exit', (code) => reject(new Error(`server exited with ${code} before its ready line`)));
  createInterface({ input: child.stdout }).once('line', (l) => {
    clearTimeout(timer);
    resolve(JSON.parse(l));
  });
});
const { port, pid } = ready;

function rssMb() {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const ADMIN = `Basic ${Buffer.from('admin:admin').toString('base64')}`;

function request(method, path, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function logon() {
  const res = await request('POST', '/api/sessionMngr/?v=latest', { authorization: ADMIN });
  return res.headers['x-restsvcsessionid'];
}

const token = await logon();
const refs = JSON.parse(
  (await request('GET', '/api/restoreSessions', { 'x-restsvcsessionid': token, accept: 'application/json' })).body,
).Refs;
const ids = refs.map((r) => r.UID.split(':').pop());

// The mix: weights out of 20.
const OPS = [
  [6, () => request('GET', '/api/restoreSessions', { 'x-restsvcsessionid': token })],
  [
    2,
    () =>
      request('GET', '/api/restoreSessions?format=Entity', { 'x-restsvcsessionid': token, accept: 'application/json' }),
  ],
  [
    3,
    () => request('GET', '/api/query?type=RestoreSession&format=Entities&pageSize=10', { 'x-restsvcsessionid': token }),
  ],
  [
    2,
    (i) => request('GET', `/api/restoreSessions/${ids[i % ids.length]}?format=Entity`, { 'x-restsvcsessionid': token }),
  ],
  [
    2,
    async () => {
      const t = await logon();
      return request('DELETE', `/api/logonSessions/${Buffer.from(t, 'base64').toString()}`, {
        'x-restsvcsessionid': t,
      });
    },
  ],
  [1, () => logon()],
  [2, () => request('GET', '/api/nothing/here', { 'x-restsvcsessionid': token })],
  [2, () => request('GET', '/api/jobs', { 'x-restsvcsessionid': 'bm90LWEtdG9rZW4=' })],
];
const pick = [];
for (const [weight, op] of OPS) for (let w = 0; w < weight; w++) pick.push(op);

const started = Date.now();
const deadline = started + seconds * 1000;
const windows = { first: [], last: [] };
let total = 0;
let errors = 0;
let rssStart = NaN;
setTimeout(() => (rssStart = rssMb()), windowMs).unref();

async function worker(w) {
  let i = w;
  while (Date.now() < deadline) {
    const t0 = performance.now();
    try {
      const res = await pick[i % pick.length](i);
      if (res?.status >= 500) errors++;
    } catch {
      errors++;
    }
    const ms = performance.now() - t0;
    const now = Date.now();
    if (now - started < windowMs) windows.first.push(ms);
    else if (deadline - now < windowMs) windows.last.push(ms);
    total++;
    i += 7;
  }
}

await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
const rssEnd = rssMb();
agent.destroy();
await new Promise((resolve) => {
  child.once('exit', resolve);
  child.kill('SIGTERM');
});

const p99 = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(s.length * 0.99))] : NaN;
};
const elapsed = (Date.now() - started) / 1000;
console.log(
  `soak: ${total} requests in ${elapsed.toFixed(0)} s (${Math.round(total / elapsed)} req/s, concurrency ${concurrency}), ${errors} errors (5xx or failed)`,
);
console.log(
  `start (after ${windowMs / 1000} s): RSS ${rssStart.toFixed(1)} MB, p99 ${p99(windows.first).toFixed(2)} ms`,
);
console.log(`end   (last ${windowMs / 1000} s):  RSS ${rssEnd.toFixed(1)} MB, p99 ${p99(windows.last).toFixed(2)} ms`);
console.log(`RSS growth: ${(((rssEnd - rssStart) / rssStart) * 100).toFixed(1)}%`);
