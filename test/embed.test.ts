import t from 'tap';
import { startMockServer, ControlError, type MockServer } from '../src/index.js';

const CLOCK_START = '2026-11-29T12:00:00Z';

async function logon(mock: MockServer): Promise<string> {
  const res = await fetch(new URL('sessionMngr/?v=latest', mock.url), {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` },
  });
  return res.headers.get('x-restsvcsessionid')!;
}

const getJson = (mock: MockServer, token: string, path: string) =>
  fetch(new URL(path, mock.url), { headers: { 'x-restsvcsessionid': token, accept: 'application/json' } });

t.test('each test gets its own mock on a free port', async (t) => {
  const a = await startMockServer({ clockStart: CLOCK_START, restoreSessions: 20, frozen: true });
  const b = await startMockServer({ clockStart: new Date(CLOCK_START) });
  t.teardown(async () => {
    await a.close();
    await b.close();
  });
  t.not(a.port, b.port);
  t.equal(a.url, `http://127.0.0.1:${a.port}/api/`);
  const res = await fetch(a.url);
  t.equal(res.status, 200);
  t.equal(res.headers.get('content-type'), 'application/xml');
  t.equal(a.clock.now(), Date.parse(CLOCK_START));
  t.equal(b.app.store.restoreSessions.size, 200);
  await t.rejects(startMockServer({ clockStart: 'never' }), { message: 'clockStart never is not an instant' });
});

t.test('the clock through the library: 16 idle minutes give 401, 31 days empty the window', async (t) => {
  const mock = await startMockServer({ clockStart: CLOCK_START, restoreSessions: 20 });
  t.teardown(() => mock.close());
  mock.clock.freeze();
  let token = await logon(mock);
  t.equal((await getJson(mock, token, 'backupServers')).status, 200);
  mock.clock.advance(16 * 60_000);
  t.equal((await getJson(mock, token, 'backupServers')).status, 401);
  token = await logon(mock);
  t.ok(((await (await getJson(mock, token, 'restoreSessions')).json()) as { Refs: unknown[] }).Refs.length > 0);
  mock.clock.advance(31 * 86_400_000);
  token = await logon(mock);
  t.equal(await (await getJson(mock, token, 'restoreSessions')).text(), '{"Refs":[]}');
});

t.test('the clock through HTTP on the same port', async (t) => {
  const mock = await startMockServer({ clockStart: CLOCK_START });
  t.teardown(() => mock.close());
  const res = await fetch(new URL('/__mock/clock', mock.url), {
    method: 'PUT',
    body: JSON.stringify({ now: '2027-01-01T00:00:00Z', frozen: true }),
  });
  t.equal(res.status, 200);
  t.equal(await res.text(), '{"now":"2027-01-01T00:00:00.000Z","frozen":true}');
  t.equal(mock.clock.now(), Date.parse('2027-01-01T00:00:00Z'));
});

t.test('addRestoreSession: a running session finishes as the clock moves', async (t) => {
  const mock = await startMockServer({ clockStart: CLOCK_START, frozen: true });
  t.teardown(() => mock.close());
  const s = mock.addRestoreSession({ vm: 'sql-103', state: 'Working', duration: '20m', result: 'Failed' });
  t.match(s, { vm: 'sql-103', state: 'Working', result: 'None', progress: 25 });
  mock.clock.advance(15 * 60_000);
  const token = await logon(mock);
  const entity = (await (await getJson(mock, token, `restoreSessions/${s.id}?format=Entity`)).json()) as Record<
    string,
    unknown
  >;
  t.match(entity, { State: 'Stopped', Result: 'Failed', Progress: 100, EndTimeUTC: '2026-11-29T12:15:00Z' });
  t.throws(() => mock.addRestoreSession({ vm: 'nope' }), new ControlError('vm: no VM named "nope"'));
  t.match(mock.addRestoreSession(), { state: 'Stopped' });
});

t.test('faults through the library: times 2 fails exactly two calls; drop closes the connection', async (t) => {
  const mock = await startMockServer({ clockStart: CLOCK_START });
  t.teardown(() => mock.close());
  const token = await logon(mock);
  const rule = mock.faults.add({ method: 'GET', path: '/api/backupServers', action: 'error', status: 503, times: 2 });
  t.equal(rule.id, 1);
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push((await getJson(mock, token, 'backupServers')).status);
  t.same(statuses, [503, 503, 200, 200]);
  t.match(mock.faults.list(), [{ id: 1, matched: 4, hits: 2 }]);
  mock.faults.clear();
  mock.faults.add({ path: '/api/vmRestorePoints', action: 'drop', times: 1 });
  await t.rejects(getJson(mock, token, 'vmRestorePoints'), { message: 'fetch failed' });
  t.equal((await getJson(mock, token, 'vmRestorePoints')).status, 200, 'only once');
  t.match(mock.requests.list({ path: '/api/vmRestorePoints' }), [{ status: 200 }, { status: null, fault: 1 }]);
});

t.test('requests and reset through the library', async (t) => {
  const mock = await startMockServer({ clockStart: CLOCK_START, journalSize: 2, frozen: true });
  t.teardown(() => mock.close());
  const token = await logon(mock);
  await getJson(mock, token, 'restoreSessions');
  await getJson(mock, token, 'nothing');
  t.same(
    mock.requests.list().map((r) => [r.method, r.url, r.status]),
    [
      ['GET', '/api/nothing', 404],
      ['GET', '/api/restoreSessions', 200],
    ],
  );
  t.same(mock.requests.list({ status: '4xx' }).length, 1);
  mock.requests.clear();
  t.same(mock.requests.list(), []);
  mock.faults.add({ action: 'error' });
  mock.clock.advance(3_600_000);
  const result = mock.reset({ seed: 3 });
  t.match(result, { seed: 3, restoreSessions: 200, clock: { now: '2026-11-29T12:00:00.000Z' } });
  t.same(mock.faults.list(), []);
  t.equal((await getJson(mock, token, 'backupServers')).status, 401, 'logon sessions dropped');
  t.throws(() => mock.reset({ seed: -1 }), { message: 'seed: must be between 0 and 2147483647, got -1' });
});
