import t from 'tap';
import { build, HOST } from './helper.js';
import { controlAccess, isLoopback, tokensEqual } from '../src/control/access.js';

// Issue 13: the control plane was open by default, also in the Docker image on 0.0.0.0, so anyone
// reaching the port could read tokens, reset the mock or inject faults.

t.test('served beyond loopback without a token, the control plane requires a token made at start-up', async (t) => {
  const { app } = await build({ host: '0.0.0.0' });
  t.teardown(() => app.close());
  const token = app.config.controlToken;
  t.match(token, /^[A-Za-z0-9_-]{32}$/, '24 random bytes, base64url');
  const ask = (url: string, authorization?: string) =>
    app.inject({ method: 'GET', url, headers: { host: HOST, ...(authorization ? { authorization } : {}) } });
  for (const url of ['/__mock/clock', '/__mock/requests', '/__mock/logonSessions']) {
    const denied = await ask(url);
    t.equal(denied.statusCode, 401, url);
    t.equal(denied.body, '{"error":"The control plane needs the header Authorization: Bearer <control token>."}');
    t.equal(denied.headers['www-authenticate'], 'Bearer realm="veeam-em-mock"');
    t.equal((await ask(url, `Bearer ${token}x`)).statusCode, 401, 'a longer token is wrong');
    t.equal((await ask(url, `Bearer ${token}`)).statusCode, 200);
  }
  t.equal((await ask('/__mock/health')).statusCode, 200, 'health stays open for probes');
  t.equal((await ask('/__mock/ready')).statusCode, 200);

  const other = await build({ host: '0.0.0.0' });
  t.not(other.app.config.controlToken, token, 'a new token per start');
  await other.app.close();
});

t.test('on loopback it stays open; a given token is kept; --control false needs none', async (t) => {
  t.same(controlAccess({ control: true, controlToken: '', host: '127.0.0.1' }), { token: '', generated: false });
  t.same(controlAccess({ control: true, controlToken: 'mine', host: '0.0.0.0' }), { token: 'mine', generated: false });
  t.same(controlAccess({ control: false, controlToken: '', host: '::' }), { token: '', generated: false });
  t.match(controlAccess({ control: true, controlToken: '', host: '::' }), { generated: true });
  const { app } = await build();
  t.teardown(() => app.close());
  t.equal((await app.inject({ method: 'GET', url: '/__mock/clock', headers: { host: HOST } })).statusCode, 200);
});

t.test('loopback addresses and the constant-time token comparison', async (t) => {
  for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]', '::ffff:127.0.0.1'])
    t.ok(isLoopback(h), h);
  for (const h of ['0.0.0.0', '::', '[::]', '10.0.0.1', 'em.example', '128.0.0.1', '127.0.0.1.example'])
    t.notOk(isLoopback(h), h);
  t.ok(tokensEqual('abc', 'abc'));
  t.notOk(tokensEqual('abc', 'abd'));
  t.notOk(tokensEqual('abc', 'abcd'));
  t.notOk(tokensEqual('', 'a'));
});
