// Shared bench helpers. Load comes from autocannon in a process of its own (a generator sharing
// the server's process takes CPU from both sides and hides the gap), and every figure is a ratio
// to a ceiling measured in the same run: a bare Fastify route sending the very same bytes.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';

const AUTOCANNON = fileURLToPath(new URL('../node_modules/autocannon/autocannon.js', import.meta.url));

export const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

/** Runs autocannon as a child process against `url`; req/s (mean), p99 latency (ms), bytes per answer. */
export function hammer({ url, headers = {}, seconds = SECONDS, connections = CONNECTIONS }) {
  const args = [AUTOCANNON, '--json', '-c', String(connections), '-d', String(seconds)];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}: ${v}`);
  args.push(url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited ${code}: ${err.slice(-500)}`));
      const r = JSON.parse(out);
      const done = r.requests.total;
      if (r.non2xx > 0 || r.errors > 0 || done === 0) {
        return reject(new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors of ${done} requests`));
      }
      resolve({ rps: done / r.duration, p99: r.latency.p99, bytes: r.throughput.total / done });
    });
  });
}

/** A bare Fastify server answering GET /<n> with bodies[n] and its media type: the ceiling. */
export async function bareServer(bodies) {
  const bare = Fastify();
  for (const [n, { body, type }] of bodies.entries()) {
    bare.get(`/${n}`, (_req, reply) => reply.header('content-type', type).send(body));
  }
  await bare.listen({ port: 0, host: '127.0.0.1' });
  return { url: (n) => `http://127.0.0.1:${bare.server.address().port}/${n}`, close: () => bare.close() };
}

/** Logs on to a listening mock; returns the headers an authenticated request needs. */
export async function logon(base) {
  const res = await fetch(`${base}/api/sessionMngr/?v=latest`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` },
  });
  if (res.status !== 201) throw new Error(`logon: ${res.status}`);
  return { 'X-RestSvcSessionId': res.headers.get('x-restsvcsessionid') };
}

export const ACCEPT = { xml: 'application/xml', json: 'application/json' };

/** The body a mock answers, as bytes, with its media type. */
export async function bodyOf(url, headers) {
  const res = await fetch(url, { headers });
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return { body: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type') };
}

export function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  for (const r of rows)
    console.log(r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  '));
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Spawns `node <args>` and times it: `ms` from spawn to its first stdout line (`line`, parsed as
 * JSON) and past `afterLine(line, pid)`, whose fields join the result; the process is then
 * stopped. A timeout, a throw or a failed spawn stops it too: a bench never leaves a process behind.
 * A process that ends without a line, or any process with `untilExit`, resolves with its lifetime
 * as `ms` (`node -e 0`, `--help`).
 */
export function timeSpawn(args, { cwd, timeoutMs = 60_000, afterLine, untilExit = false } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const elapsed = () => Number(process.hrtime.bigint() - t0) / 1e6;
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
    let failure;
    let result;
    const fail = (err) => {
      failure ??= err;
      child.kill('SIGKILL');
    };
    const what = args.join(' ').slice(0, 80);
    const timer = setTimeout(() => fail(new Error(`${what}: no ready line within ${timeoutMs} ms`)), timeoutMs);
    let out = '';
    child.stdout.on('data', async (chunk) => {
      out += chunk;
      if (untilExit || result !== undefined || !out.includes('\n')) return;
      result = { lineMs: elapsed() };
      try {
        result.line = JSON.parse(out.slice(0, out.indexOf('\n')));
        Object.assign(result, await afterLine?.(result.line, child.pid));
        result.ms = elapsed();
        child.kill('SIGTERM');
      } catch (err) {
        fail(err);
      }
    });
    child.on('error', fail);
    child.on('exit', () => {
      clearTimeout(timer);
      if (failure) reject(failure);
      else resolve(result ?? { ms: elapsed() });
    });
  });
}
