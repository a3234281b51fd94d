import t from 'tap';
import { build, logon, get, HOST } from './helper.js';
import { control, json } from './controlHelper.js';

t.test('the journal lists API requests newest first, with filters', async (t) => {
  const { app, real } = await build();
  t.teardown(() => app.close());
  const token = await logon(app);
  real.now += 2000;
  await get(app, token, '/api/restoreSessions?format=Entity', 'json');
  await get(app, token, '/api/nothing');
  await app.inject({ method: 'POST', url: '/api/restoreSessions', headers: { host: HOST, 'x-restsvcsessionid': token }, payload: 'abc' });
  await control(app, 'GET', '/__mock/clock');

  const all = json(await control(app, 'GET', '/__mock/requests'));
  t.equal(all.total, 4, 'control-plane calls are not journaled');
  t.equal(all.kept, 4);
  t.same(
    all.requests.map((r: { seq: number; method: string; url: string; status: number; user: string }) => [r.seq, r.method, r.url, r.status, r.user]),
    [
      [4, 'POST', '/api/restoreSessions', 405, 'admin'],
      [3, 'GET', '/api/nothing', 404, 'admin'],
      [2, 'GET', '/api/restoreSessions?format=Entity', 200, 'admin'],
      [1, 'POST', '/api/sessionMngr/?v=latest', 201, 'admin'],
    ],
  );
  const entry = all.requests[2];
  t.equal(entry.time, '2026-11-29T12:00:02.000Z', 'mock-clock time of arrival');
  t.equal(entry.headers.accept, 'application/json');
  t.equal(entry.fault, null);
  t.type(entry.durationMs, 'number');
  t.equal(all.requests[0].bodyBytes, 3);

  const pick = async (query: string) =>
    json(await control(app, 'GET', `/__mock/requests?${query}`)).requests.map((r: { seq: number }) => r.seq);
  t.same(await pick('method=post'), [4, 1]);
  t.same(await pick('status=4xx'), [4, 3]);
  t.same(await pick('status=200'), [2]);
  t.same(await pick('path=/API/restoreSessions'), [4, 2]);
  t.same(await pick('path=/api/*'), [4, 3, 2, 1], 'a trailing slash is optional');
  t.same(await pick('path=/api/**&limit=2'), [4, 3]);
  for (const [query, error] of [
    ['status=ok', 'status: expected a status like 404 or a class like 4xx, got "ok"'],
    ['limit=0', 'limit: expected a positive integer, got "0"'],
    ['path=api', 'path: a path pattern starts with /, e.g. /api/restoreSessions*'],
  ]) {
    const res = await control(app, 'GET', `/__mock/requests?${query}`);
    t.equal(res.statusCode, 400);
    t.equal(json(res).error, error);
  }
  t.equal((await control(app, 'DELETE', '/__mock/requests')).body, '{"cleared":4}');
  t.equal((await control(app, 'GET', '/__mock/requests')).body, '{"total":0,"kept":0,"requests":[]}');
});

t.test('a fault applied is recorded with its rule id', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  await control(app, 'POST', '/__mock/faults', { path: '/api/', action: 'error', status: 500 });
  await app.inject({ method: 'GET', url: '/api/', headers: { host: HOST } });
  t.match(json(await control(app, 'GET', '/__mock/requests')).requests, [{ url: '/api/', status: 500, fault: 1, user: null }]);
});

t.test('the journal bound holds under 10 000 requests', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  for (let i = 0; i < 10_000; i++) await app.inject({ method: 'GET', url: `/api/?n=${i}`, headers: { host: HOST } });
  const body = json(await control(app, 'GET', '/__mock/requests'));
  t.equal(body.total, 10_000);
  t.equal(body.kept, 1000, 'default bound');
  t.equal(body.requests.length, 1000);
  t.equal(body.requests[0].url, '/api/?n=9999');
  t.equal(body.requests[999].url, '/api/?n=9000');
});

t.test('the bound is configurable; 0 keeps nothing', async (t) => {
  for (const size of [3, 0]) {
    const { app } = await build({ journalSize: size });
    for (let i = 0; i < 5; i++) await app.inject({ method: 'GET', url: `/api/?n=${i}`, headers: { host: HOST } });
    const body = json(await control(app, 'GET', '/__mock/requests'));
    t.same([body.total, body.kept, body.requests.map((r: { url: string }) => r.url)], [5, size, ['/api/?n=4', '/api/?n=3', '/api/?n=2'].slice(0, size)]);
    await app.close();
  }
});
