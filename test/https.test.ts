// Black-box: a real TLS socket against `listen()` with --tls, through the logon walk-through.
import t from 'tap';
import { request, type RequestOptions } from 'node:https';
import { X509Certificate } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import { listen, type RunningServer } from '../src/server.js';
import { defaultConfig, type Config } from '../src/config.js';
import { CLOCK_START, basic } from './helper.js';
import { PATIENCE_MS } from './patience.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The server's certificate as the client saw it (PEM). */
  cert: string;
}

function call(url: string, opts: RequestOptions = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // Certificate checking off, as clients of a self-signed EM run.
    const req = request(url, { rejectUnauthorized: false, ...opts }, (res) => {
      const chunks: Buffer[] = [];
      const raw = (res.socket as TLSSocket).getPeerCertificate().raw;
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          cert: new X509Certificate(raw).toString(),
        }),
      );
    });
    req.setTimeout(PATIENCE_MS, () => req.destroy(new Error(`timeout: ${url}`)));
    req.on('error', reject);
    req.end();
  });
}

async function start(overrides: Partial<Config> = {}): Promise<RunningServer> {
  return listen({
    config: defaultConfig({
      port: 0,
      host: '127.0.0.1',
      tls: true,
      clockStart: CLOCK_START,
      restoreSessions: 40,
      ...overrides,
    }),
  });
}

t.test('logon walk-through over HTTPS: root, logon, lists, logoff, with https Hrefs', async (t) => {
  const server = await start();
  t.teardown(() => server.app.close());
  const base = `https://127.0.0.1:${server.port}`;
  t.equal(server.url, `${base}/api/`, 'the ready URL says https');

  const root = await call(`${base}/api/`, { headers: { accept: 'application/json' } });
  t.equal(root.status, 200);
  t.equal(root.headers['content-type'], 'application/json');
  t.same(JSON.parse(root.body).Links, [
    { Rel: 'Down', Href: `${base}/api/logonSessions`, Name: null, Type: 'LogonSessionList' },
    { Rel: 'Create', Href: `${base}/api/sessionMngr/?v=latest`, Name: null, Type: 'LogonSession' },
  ]);

  const logon = await call(`${base}/api/sessionMngr/?v=latest`, {
    method: 'POST',
    headers: { authorization: basic('admin', 'admin') },
  });
  t.equal(logon.status, 201);
  const token = logon.headers['x-restsvcsessionid'] as string;
  const sessionId = Buffer.from(token, 'base64').toString('ascii');
  t.equal(logon.headers.location, `${base}/api/logonSessions/${sessionId}`);
  t.match(
    logon.body,
    `<LogonSession xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" Href="${base}/api/logonSessions/${sessionId}" Type="LogonSession" xmlns="http://www.veeam.com/ent/v1.0"><Links><Link Href="${base}/api/" Type="EnterpriseManager" Rel="Up" />`,
  );

  const auth = { 'x-restsvcsessionid': token };
  const sessions = await call(`${base}/api/logonSessions`, { headers: { ...auth, accept: 'application/json' } });
  t.equal(sessions.status, 200);
  t.equal(JSON.parse(sessions.body).LogonSessions[0].Href, `${base}/api/logonSessions/${sessionId}`);

  const restores = await call(`${base}/api/restoreSessions`, { headers: auth });
  t.equal(restores.status, 200);
  t.equal(restores.headers['content-type'], 'application/xml');
  const hrefs = [...restores.body.matchAll(/Href="([^"]*)"/g)].map((m) => m[1]!);
  t.ok(hrefs.length > 1, 'restore sessions listed');
  t.same(
    hrefs.filter((h) => !h.startsWith(`${base}/api/`)),
    [],
    'every Href is https on the port the client used',
  );

  const logoff = await call(`${base}/api/logonSessions/${sessionId}`, { method: 'DELETE', headers: auth });
  t.equal(logoff.status, 204);
  const after = await call(`${base}/api/restoreSessions`, { headers: auth });
  t.equal(after.status, 401, 'the token is gone after logoff');
});

t.test('the self-signed certificate names localhost, the loopback addresses and configured hosts', async (t) => {
  const server = await start({ publicBaseUrl: 'https://em.example.test:9398' });
  t.teardown(() => server.app.close());
  const { cert } = await call(`https://127.0.0.1:${server.port}/api/`);
  const x509 = new X509Certificate(cert);
  t.match(
    x509.subjectAltName,
    /^DNS:localhost, IP Address:127\.0\.0\.1, IP Address:0:0:0:0:0:0:0:1, DNS:em\.example\.test/,
  );
  t.equal(x509.issuer, x509.subject, 'self-signed');
  t.ok(x509.verify(x509.publicKey), 'signed by its own key');
  const validFrom = Date.parse(x509.validFrom);
  t.ok(
    validFrom < Date.now() && Date.parse(x509.validTo) > Date.now() + 300 * 86_400_000,
    'valid now and for about a year',
  );

  // A client that does check, trusting this certificate, accepts it for each name.
  for (const servername of ['localhost', 'em.example.test']) {
    const checked = await call(`https://127.0.0.1:${server.port}/api/`, {
      rejectUnauthorized: true,
      ca: cert,
      servername,
    });
    t.equal(checked.status, 200, `verified as ${servername}`);
  }
  await t.rejects(
    call(`https://127.0.0.1:${server.port}/api/`, {
      rejectUnauthorized: true,
      ca: cert,
      servername: 'other.example.test',
    }),
    { code: 'ERR_TLS_CERT_ALTNAME_INVALID' },
    'a name outside the certificate is refused by a checking client',
  );
});

t.test('a request the lenient parser must accept is accepted over TLS too', async (t) => {
  const server = await start();
  t.teardown(() => server.app.close());
  const res = await call(`https://127.0.0.1:${server.port}/api/sessionMngr/?v=latest`, {
    method: 'POST',
    headers: { authorization: basic('admin', 'admin'), 'transfer-encoding': 'chunked', 'content-length': '0' },
  });
  t.equal(res.status, 201);
});
