import t from 'tap';
import { build, logon, get } from './helper.js';
import { control, json } from './controlHelper.js';

t.test('GET /__mock/clock reads the clock as JSON', async (t) => {
  const { app, real } = await build();
  t.teardown(() => app.close());
  const res = await control(app, 'GET', '/__mock/clock');
  t.equal(res.statusCode, 200);
  t.equal(res.headers['content-type'], 'application/json; charset=utf-8');
  t.equal(res.body, '{"now":"2026-11-29T12:00:00.000Z","frozen":false}');
  real.now += 1500;
  t.same(json(await control(app, 'GET', '/__mock/clock')), { now: '2026-11-29T12:00:01.500Z', frozen: false });
});

t.test('PUT /__mock/clock with frozen: true stands exactly where asked, however slow the machine', async (t) => {
  const { app, real } = await build();
  t.teardown(() => app.close());
  // Real time passes 7 ms between any two reads, as on a machine that keeps pausing the process.
  let ms = real.now;
  Object.defineProperty(real, 'now', { get: () => (ms += 7), set: (v: number) => (ms = v) });
  let res = await control(app, 'PUT', '/__mock/clock', { now: '2026-12-01T08:00:00Z', frozen: true });
  t.same(json(res), { now: '2026-12-01T08:00:00.000Z', frozen: true });
  await control(app, 'PUT', '/__mock/clock', { frozen: false });
  res = await control(app, 'PUT', '/__mock/clock', { now: '2026-12-01T09:00:00Z', advance: '1m', frozen: true });
  t.same(json(res), { now: '2026-12-01T09:01:00.000Z', frozen: true });
});

t.test('PUT /__mock/clock sets, advances, freezes and unfreezes', async (t) => {
  const { app, real } = await build();
  t.teardown(() => app.close());
  let res = await control(app, 'PUT', '/__mock/clock', { now: '2026-12-01T08:00:00Z', frozen: true });
  t.equal(res.statusCode, 200);
  t.same(json(res), { now: '2026-12-01T08:00:00.000Z', frozen: true });
  real.now += 60_000;
  t.same(
    json(await control(app, 'GET', '/__mock/clock')),
    { now: '2026-12-01T08:00:00.000Z', frozen: true },
    'frozen time stands',
  );
  res = await control(app, 'PUT', '/__mock/clock', { advance: '90s' });
  t.same(json(res), { now: '2026-12-01T08:01:30.000Z', frozen: true }, 'advance works while frozen');
  res = await control(app, 'PUT', '/__mock/clock', { advance: 500, frozen: false });
  t.same(json(res), { now: '2026-12-01T08:01:30.500Z', frozen: false });
  real.now += 1000;
  t.same(
    json(await control(app, 'GET', '/__mock/clock')),
    { now: '2026-12-01T08:01:31.500Z', frozen: false },
    'runs again',
  );
  res = await control(app, 'PUT', '/__mock/clock', { now: '-1h' });
  t.same(json(res), { now: '2026-12-01T07:01:31.500Z', frozen: false }, 'relative instants are from the clock');
});

t.test('advancing the clock 16 minutes makes the next API call 401', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  const token = await logon(app);
  t.equal((await get(app, token, '/api/backupServers')).statusCode, 200);
  await control(app, 'PUT', '/__mock/clock', { advance: '14m' });
  t.equal((await get(app, token, '/api/backupServers')).statusCode, 200, 'idle 14 minutes: still valid');
  await control(app, 'PUT', '/__mock/clock', { advance: '16m' });
  const res = await get(app, token, '/api/backupServers', 'json');
  t.equal(res.statusCode, 401);
  t.match(JSON.parse(res.body).Message, /unknown, expired or logged out/);
});

t.test('advancing the clock 31 days empties the 30-day window', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  let token = await logon(app);
  t.ok(JSON.parse((await get(app, token, '/api/restoreSessions', 'json')).body).Refs.length > 0);
  await control(app, 'PUT', '/__mock/clock', { advance: '31d' });
  token = await logon(app);
  t.equal((await get(app, token, '/api/restoreSessions', 'json')).body, '{"Refs":[]}');
  t.equal(
    (await get(app, token, '/api/restoreSessions')).body,
    '<?xml version="1.0" encoding="utf-8"?><EntityReferences xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://www.veeam.com/ent/v1.0" />',
  );
});

t.test('bad clock bodies get 400 naming the field', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  const cases: [unknown, string][] = [
    [{ advance: '16' }, 'advance: expected a duration like "90s", "16m", "2h", "31d" or milliseconds, got "16"'],
    [{ advance: -5 }, 'advance: expected a duration like "90s", "16m", "2h", "31d" or milliseconds, got -5'],
    [
      { now: 'yesterday' },
      'now: expected an ISO instant like "2026-01-31T12:00:00Z", "now" or an offset like "-2h", got "yesterday"',
    ],
    [{ frozen: 'yes' }, 'frozen: expected true or false, got "yes"'],
    [{ speed: 2 }, 'speed: unknown field; expected one of now, advance, frozen'],
    [[1], '(body): expected a JSON object, got [1]'],
    [{}, 'Give at least one of now (an instant), advance (a duration) or frozen (true/false).'],
    ['{"advance":', 'The request body is not valid JSON: '],
  ];
  for (const [body, message] of cases) {
    const res = await control(app, 'PUT', '/__mock/clock', body);
    t.equal(res.statusCode, 400, JSON.stringify(body));
    t.equal(res.headers['content-type'], 'application/json; charset=utf-8');
    t.ok(json(res).error.startsWith(message), `${json(res).error} starts with ${message}`);
  }
  t.same(
    json(await control(app, 'GET', '/__mock/clock')),
    { now: '2026-11-29T12:00:00.000Z', frozen: false },
    'clock untouched',
  );
});
