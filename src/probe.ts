/**
 * A tiny client of a running mock, for the container health check and the delivery checks
 * (packed tarball, container smoke): the root answers, and optionally a logon and a list work.
 * Certificates are not checked: the mock's own is self-signed, as EM's is.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function call(url: string, method: string, headers: Record<string, string>, timeoutMs: number): Promise<Answer> {
  const send = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method, headers, rejectUnauthorized: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer from ${url} within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

function expect(what: string, res: Answer, status: number): void {
  if (res.status !== status)
    throw new Error(`${what}: expected ${status}, got ${res.status}: ${res.body.slice(0, 200)}`);
}

export interface ProbeOptions {
  /** Log on with these credentials and list restore sessions. */
  logon?: { user: string; password: string };
  timeoutMs?: number;
}

/** Checks the mock at `apiUrl` (`scheme://host:port/api/`); resolves to a one-line summary or rejects saying what failed. */
export async function probe(apiUrl: string, opts: ProbeOptions = {}): Promise<string> {
  const timeoutMs = opts.timeoutMs ?? 5000;
  const api = apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`;
  const root = await call(api, 'GET', {}, timeoutMs);
  expect(`GET ${api}`, root, 200);
  if (!root.body.includes('<EnterpriseManager ')) throw new Error(`GET ${api}: not an EnterpriseManager document`);
  if (!opts.logon) return `${api} answers`;

  const basic = Buffer.from(`${opts.logon.user}:${opts.logon.password}`).toString('base64');
  const logon = await call(`${api}sessionMngr/?v=latest`, 'POST', { authorization: `Basic ${basic}` }, timeoutMs);
  expect('logon', logon, 201);
  const token = logon.headers['x-restsvcsessionid'];
  if (typeof token !== 'string') throw new Error('logon: no X-RestSvcSessionId header');
  const list = await call(
    `${api}restoreSessions`,
    'GET',
    { 'x-restsvcsessionid': token, accept: 'application/json' },
    timeoutMs,
  );
  expect('GET restoreSessions', list, 200);
  let refs: unknown;
  try {
    refs = (JSON.parse(list.body) as { Refs?: unknown }).Refs;
  } catch {
    throw new Error('GET restoreSessions: the answer is not JSON');
  }
  if (!Array.isArray(refs)) throw new Error('GET restoreSessions: no Refs in the answer');
  return `${api}: logon as ${opts.logon.user} and a list of ${refs.length} restore sessions`;
}
