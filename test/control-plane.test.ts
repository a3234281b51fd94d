import t from 'tap';
import { build, logon, get } from './helper.js';
import { control, json } from './controlHelper.js';

t.test('health and readiness', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  const health = await control(app, 'GET', '/__mock/health');
  t.equal(health.statusCode, 200);
  t.equal(health.headers['content-type'], 'application/json; charset=utf-8');
  t.equal(health.body, '{"status":"ok"}');
  t.equal((await control(app, 'GET', '/__MOCK/Ready/')).body, '{"ready":true,"restoreSessions":40}');
  app.dataset.ready = false;
  const notReady = await control(app, 'GET', '/__mock/ready');
  t.equal(notReady.statusCode, 503);
  t.equal(notReady.body, '{"ready":false}');
});

t.test('unknown control paths and methods get JSON 404 and 405', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  const missing = await control(app, 'GET', '/__mock/nothing');
  t.equal(missing.statusCode, 404);
  t.equal(
    missing.body,
    '{"error":"There is no control endpoint /__mock/nothing. See README.md, section Control plane."}',
  );
  const wrong = await control(app, 'PATCH', '/__mock/clock');
  t.equal(wrong.statusCode, 405);
  t.equal(wrong.headers.allow, 'GET, HEAD, PUT');
  t.equal(wrong.body, '{"error":"Method PATCH is not allowed on /__mock/clock. Allowed: GET, HEAD, PUT."}');
  const big = await control(app, 'POST', '/__mock/restoreSessions', `[${'{},'.repeat(400_000)}{}]`);
  t.equal(big.statusCode, 413);
  t.match(json(big).error, /body/i);
});

t.test('a control token guards everything but health and readiness', async (t) => {
  const { app } = await build({ controlToken: 's3cret' });
  t.teardown(() => app.close());
  const denied = await control(app, 'GET', '/__mock/clock');
  t.equal(denied.statusCode, 401);
  t.equal(denied.headers['www-authenticate'], 'Bearer realm="veeam-em-mock"');
  t.equal(denied.body, '{"error":"The control plane needs the header Authorization: Bearer <control token>."}');
  t.equal((await control(app, 'GET', '/__mock/clock', undefined, { authorization: 'Bearer wrong1' })).statusCode, 401);
  t.equal((await control(app, 'GET', '/__mock/clock', undefined, { authorization: 'Bearer s3cret' })).statusCode, 200);
  t.equal((await control(app, 'GET', '/__mock/health')).statusCode, 200);
  t.equal((await control(app, 'GET', '/__mock/ready')).statusCode, 200);
});

t.test('with the control plane off, /__mock is an ordinary unknown EM path', async (t) => {
  const { app } = await build({ control: false });
  t.teardown(() => app.close());
  const res = await control(app, 'GET', '/__mock/health');
  t.equal(res.statusCode, 404);
  t.equal(res.headers['content-type'], 'application/xml');
  t.match(res.body, /<Error .*Message="There is no resource at \/__mock\/health\."/);
});

t.test('logon sessions can be listed and expired', async (t) => {
  const { app, real } = await build();
  t.teardown(() => app.close());
  const token = await logon(app);
  real.now += 60_000;
  const listed = json(await control(app, 'GET', '/__mock/logonSessions')).logonSessions;
  t.equal(listed.length, 1);
  const [s] = listed;
  t.same(Object.keys(s), ['id', 'userName', 'token', 'createdAt', 'lastSeen', 'expiresAt']);
  t.match(s, {
    userName: 'admin',
    token: '[redacted]',
    createdAt: '2026-11-29T12:00:00.000Z',
    lastSeen: '2026-11-29T12:00:00.000Z',
    expiresAt: '2026-11-29T12:15:00.000Z',
  });
  const res = await control(app, 'POST', `/__mock/logonSessions/${s.id}/expire`);
  t.equal(res.statusCode, 200);
  t.equal(res.body, `{"expired":"${s.id}"}`);
  t.equal((await get(app, token, '/api/backupServers')).statusCode, 401, 'the client sees its session gone');
  t.equal((await control(app, 'GET', '/__mock/logonSessions')).body, '{"logonSessions":[]}');
  const again = await control(app, 'POST', `/__mock/logonSessions/${s.id}/expire`);
  t.equal(again.statusCode, 400);
  t.equal(json(again).error, `There is no live logon session "${s.id}".`);
});

t.test('reset rebuilds the dataset and drops sessions, journal, faults and injected data', async (t) => {
  const { app, real } = await build();
  t.teardown(() => app.close());
  const token = await logon(app);
  const before = (await get(app, token, '/api/restoreSessions?format=Entity')).body;
  const servers = (await get(app, token, '/api/backupServers')).body;
  await control(app, 'POST', '/__mock/restoreSessions', { state: 'Working' });
  await control(app, 'POST', '/__mock/faults', { path: '/api/backupServers', action: 'drop' });
  await control(app, 'PUT', '/__mock/clock', { advance: '2d', frozen: true });
  real.now += 5000;

  const res = await control(app, 'POST', '/__mock/reset');
  t.equal(res.statusCode, 200);
  t.equal(res.body, '{"seed":1,"restoreSessions":40,"clock":{"now":"2026-11-29T12:00:00.000Z","frozen":true}}');
  t.equal((await get(app, token, '/api/backupServers')).statusCode, 401, 'logon sessions dropped');
  t.equal((await control(app, 'GET', '/__mock/faults')).body, '{"faults":[]}');
  t.equal(json(await control(app, 'GET', '/__mock/requests')).total, 1, 'journal cleared (only the 401 since)');
  const fresh = await logon(app);
  t.equal(
    (await get(app, fresh, '/api/restoreSessions?format=Entity')).body,
    before,
    'same seed, same clock: same bytes',
  );

  const other = await control(app, 'POST', '/__mock/reset', {
    seed: 2,
    restoreSessions: 5,
    clock: '2027-01-01T00:00:00Z',
  });
  t.equal(other.body, '{"seed":2,"restoreSessions":5,"clock":{"now":"2027-01-01T00:00:00.000Z","frozen":true}}');
  const token2 = await logon(app);
  t.equal(
    JSON.parse((await get(app, token2, '/api/restoreSessions', 'json')).body).Refs.length,
    app.store.restoreSessions.between(Date.parse('2026-12-02T00:00:00Z'), Date.parse('2027-01-01T00:00:00Z')).length,
  );
  t.not((await get(app, token2, '/api/backupServers')).body, servers, 'the new seed names new objects');
  t.equal(
    json(await control(app, 'POST', '/__mock/reset')).clock.now,
    '2027-01-01T00:00:00.000Z',
    'a given clock becomes the start',
  );

  for (const [body, error] of [
    [{ seed: -1 }, 'seed: must be between 0 and 2147483647, got -1'],
    [{ restoreSessions: 'many' }, 'restoreSessions: expected an integer, got "many"'],
    [
      { clock: 'soon' },
      'clock: expected an ISO instant like "2026-01-31T12:00:00Z", "now" or an offset like "-2h", got "soon"',
    ],
    [{ size: 1 }, 'size: unknown field; expected one of seed, restoreSessions, clock'],
  ] as const) {
    const bad = await control(app, 'POST', '/__mock/reset', body);
    t.equal(bad.statusCode, 400);
    t.equal(json(bad).error, error);
  }
});

t.test('a reset cannot serve stale rendered entities', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  let token = await logon(app);
  const first = (await get(app, token, '/api/restoreSessions?format=Entity', 'json')).body;
  await control(app, 'POST', '/__mock/reset', { seed: 9 });
  token = await logon(app);
  const second = (await get(app, token, '/api/restoreSessions?format=Entity', 'json')).body;
  t.not(second, first);
  await control(app, 'POST', '/__mock/reset', { seed: 1 });
  token = await logon(app);
  t.equal((await get(app, token, '/api/restoreSessions?format=Entity', 'json')).body, first);
  t.equal(app.config.seed, 1);
});
