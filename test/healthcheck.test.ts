import t from 'tap';
import { createServer, type Server } from 'node:http';
import { listen } from '../src/server.js';
import { defaultConfig } from '../src/config.js';
import { healthcheck, healthUrl, mockArgs } from '../src/healthcheck.js';
import { probe } from '../src/probe.js';
import { CLOCK_START } from './helper.js';

t.test("the mock's own flags are read from process 1's command line", async (t) => {
  t.same(mockArgs('node\x00/app/dist/bin/cli.js\x00--port\x009400\x00--tls\x00'), ['--port', '9400', '--tls']);
  t.same(mockArgs('/usr/bin/node\x00/usr/local/bin/veeam-em-mock\x00--seed=3\x00'), ['--seed=3']);
  t.same(mockArgs('/sbin/init\x00splash\x00'), [], 'another process 1: environment only');
  t.same(mockArgs(''), []);
});

t.test('health URL: wildcard binds are asked on loopback, the scheme follows TLS', async (t) => {
  t.equal(healthUrl(defaultConfig({ host: '0.0.0.0', port: 9398 })), 'http://127.0.0.1:9398/api/');
  t.equal(healthUrl(defaultConfig({ host: '::', port: 1, tls: true })), 'https://127.0.0.1:1/api/');
  t.equal(healthUrl(defaultConfig({ host: '::1', port: 2 })), 'http://[::1]:2/api/');
  t.equal(
    healthUrl(defaultConfig({ host: 'em.local', port: 3, tlsCert: '/c', tlsKey: '/k' })),
    'https://em.local:3/api/',
  );
});

t.test('health check and logon probe against running servers, HTTP and HTTPS', async (t) => {
  const config = { host: '127.0.0.1', port: 0, clockStart: CLOCK_START, restoreSessions: 5 };
  const plain = await listen({ config: defaultConfig(config) });
  const secure = await listen({ config: defaultConfig({ ...config, tls: true }) });
  t.teardown(() => Promise.all([plain.app.close(), secure.app.close()]));

  t.equal(
    await healthcheck(`node\x00dist/bin/cli.js\x00--port\x00${plain.port}\x00`, { EM_MOCK_HOST: '0.0.0.0' }),
    `http://127.0.0.1:${plain.port}/api/ answers`,
    'flags of process 1 over the environment',
  );
  t.equal(
    await healthcheck('', { EM_MOCK_PORT: String(secure.port), EM_MOCK_TLS: 'true' }),
    `https://127.0.0.1:${secure.port}/api/ answers`,
    'environment only, over TLS',
  );
  t.equal(
    await probe(secure.url, { logon: { user: 'admin', password: 'admin' } }),
    `${secure.url}: logon as admin and a list of 5 restore sessions`,
  );
  await t.rejects(probe(plain.url.replace(/\/$/, ''), { logon: { user: 'admin', password: 'wrong' } }), {
    message: /^logon: expected 201, got 401: <\?xml/,
  });
  await t.rejects(
    healthcheck('', { EM_MOCK_PORT: String(plain.port), EM_MOCK_TLS: 'true' }),
    'TLS spoken to a plain port fails',
  );
  await t.rejects(probe(`http://127.0.0.1:${plain.port}/nothing/`), {
    message: /^GET http:\/\/127\.0\.0\.1:\d+\/nothing\/: expected 200, got 404/,
  });
});

t.test('the probe refuses what is not the mock', async (t) => {
  let answer = { status: 200, body: '<html></html>', list: '', headers: {} as Record<string, string> };
  let stall = false;
  const other: Server = createServer((req, res) => {
    if (stall) return; // never answers
    if (req.method === 'POST') {
      res.writeHead(201, answer.headers).end('<LogonSession/>');
      return;
    }
    res.writeHead(answer.status).end(req.url === '/api/restoreSessions' ? answer.list : answer.body);
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  t.teardown(() => {
    other.closeAllConnections();
    other.close();
  });
  const port = (other.address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}/api/`;
  const logon = { user: 'a', password: 'b' };

  await t.rejects(probe(url), { message: `GET ${url}: not an EnterpriseManager document` });
  answer = { status: 200, body: '<EnterpriseManager xmlns="x"/>', list: '', headers: {} };
  await t.rejects(probe(url, { logon }), { message: 'logon: no X-RestSvcSessionId header' });
  answer.headers = { 'x-restsvcsessionid': 'abc' };
  answer.list = '<html>';
  await t.rejects(probe(url, { logon }), { message: 'GET restoreSessions: the answer is not JSON' });
  answer.list = '{"Links":[]}';
  await t.rejects(probe(url, { logon }), { message: 'GET restoreSessions: no Refs in the answer' });
  answer.list = '{"Refs":[1,2]}';
  t.equal(await probe(url, { logon }), `${url}: logon as a and a list of 2 restore sessions`);
  stall = true;
  await t.rejects(probe(url, { timeoutMs: 200 }), { message: `no answer from ${url} within 200 ms` });
});
