// test/restore-monitor.test.ts — run with: npx tap test/restore-monitor.test.ts
import t from 'tap';
import { startMockServer } from '../src/index.js';

t.test('a restore is reported as failed once it ends', async (t) => {
  const mock = await startMockServer({ clockStart: '2026-11-29T12:00:00Z', frozen: true });
  t.teardown(() => mock.close());

  const session = mock.addRestoreSession({ vm: 'web-101', creationTime: 'now', duration: '20m', result: 'Failed' });
  mock.faults.add({ method: 'GET', path: '/api/backupServers', action: 'error', status: 503, times: 1 });

  const logon = await fetch(new URL('sessionMngr/?v=latest', mock.url), {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` },
  });
  const token = logon.headers.get('x-restsvcsessionid')!;
  const get = (path: string) =>
    fetch(new URL(path, mock.url), { headers: { 'x-restsvcsessionid': token, accept: 'application/json' } });

  t.equal((await get('backupServers')).status, 503);
  t.equal((await get('backupServers')).status, 200);

  mock.clock.advance(10 * 60_000);
  t.match(await (await get(`restoreSessions/${session.id}?format=Entity`)).json(), {
    State: 'Working',
    Result: 'None',
    Progress: 50,
  });
  mock.clock.advance(10 * 60_000);
  t.match(await (await get(`restoreSessions/${session.id}?format=Entity`)).json(), {
    State: 'Stopped',
    Result: 'Failed',
  });

  t.equal(mock.requests.list({ path: '/api/restoreSessions/*' }).length, 2);
});
