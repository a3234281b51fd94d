// Shared bench helpers: a bounded keep-alive load loop on loopback, and result printing.
import http from 'node:http';

/** Sends GETs with `concurrency` parallel keep-alive connections for `seconds`; returns req/s. */
export async function load({ port, path, headers = {}, seconds = 3, concurrency = 8 }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const deadline = Date.now() + seconds * 1000;
  let done = 0;
  let bytes = 0;
  const worker = async () => {
    while (Date.now() < deadline) {
      await new Promise((resolve, reject) => {
        const req = http.get({ host: '127.0.0.1', port, path, headers, agent }, (res) => {
          res.on('data', (c) => (bytes += c.length));
          res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode} for ${path}`))));
        });
        req.on('error', reject);
      });
      done++;
    }
  };
  const start = Date.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  const elapsed = (Date.now() - start) / 1000;
  return { rps: done / elapsed, kbPerReq: bytes / done / 1024 };
}

export function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  for (const r of rows) console.log(r.map((c, i) => String(c).padEnd(widths[i])).join('  '));
}
