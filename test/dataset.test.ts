import t from 'tap';
import { build, logon, get, CLOCK_START } from './helper.js';
import { tinyStore, FINISHED, OLD, RUNNING } from './fixtures.js';
import { generate } from '../data/generate.js';
import { hierarchyObjRef } from '../data/model.js';
import { restoreSessionView } from '../data/timeline.js';
import { listen } from '../src/server.js';
import { defaultConfig } from '../src/config.js';

const DAY = 86_400_000;
const MINUTE = 60_000;

type Json = Record<string, unknown>;

t.test('same seed and clock start give byte-identical responses from independent apps', async (t) => {
  const urls = [
    '/api/restoreSessions',
    '/api/restoreSessions?format=Entity',
    '/api/backupServers?format=Entity',
    '/api/vmRestorePoints?format=Entity',
    '/api/logonSessions',
  ];
  const bodies = async (seed: number) => {
    const { app } = await build({ seed, restoreSessions: 200 });
    const token = await logon(app);
    const out: string[] = [];
    for (const url of urls)
      for (const fmt of ['xml', 'json'] as const) out.push((await get(app, token, url, fmt)).body);
    await app.close();
    return out;
  };
  const a = await bodies(7);
  const b = await bodies(7);
  t.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) t.equal(a[i], b[i], `${urls[i >> 1]} identical`);
  const c = await bodies(8);
  t.not(c[1], a[1], 'another seed gives another environment');
});

t.test('the generated environment looks like a real one', async (t) => {
  const store = generate({ seed: 1, now: CLOCK_START, restoreSessions: 200 });
  t.equal(store.backupServers.size, 3, 'several backup servers');
  t.same(
    [...new Set(store.hierarchyRoots.all().map((r) => r.platform))].sort(),
    ['HyperV', 'VMware', 'vCloud'],
    'every platform has a hierarchy root',
  );
  for (const server of store.backupServers.all())
    t.match(server.version, /^1[12]\.\d+\.\d+\.\d+( P\d{8})?$/, 'real release strings');

  const refs = store.vms.map(hierarchyObjRef);
  t.ok(
    refs.some((r) => /^urn:VMware:Vm:[0-9a-f-]{36}\.vm-\d+$/.test(r)),
    'vSphere URN form',
  );
  t.ok(
    refs.some((r) => /^urn:HyperV:Vm:[0-9a-f-]{36}\.[0-9a-f-]{36}$/.test(r)),
    'Hyper-V URN form',
  );
  t.ok(
    refs.some((r) => /^urn:vCloud:Vm:[0-9a-f-]{36}\.urn:vcloud:vm:[0-9a-f-]{36}$/.test(r)),
    'Cloud Director URN form',
  );
  t.ok(refs.every((r) => /^urn:(VMware|HyperV|vCloud):Vm:/.test(r)));

  const sessions = store.restoreSessions.all();
  t.equal(sessions.length, 200);
  const views = sessions.map((s) => ({ s, v: restoreSessionView(s, CLOCK_START) }));
  const count = (f: (x: (typeof views)[number]) => boolean) => views.filter(f).length;
  t.ok(
    count((x) => x.s.jobType === 'FileLevelRestore') > 40 && count((x) => x.s.jobType === 'RestoreVm') > 40,
    'a mix of FLR and VM restores',
  );
  for (const result of ['Success', 'Warning', 'Failed'])
    t.ok(count((x) => x.v.result === result) > 0, `some ${result}`);
  const running = views.filter((x) => x.v.state === 'Working');
  t.ok(running.length >= 1 && running.length <= 6, 'a few still running');
  for (const { v } of running) {
    t.equal(v.result, 'None');
    t.ok(v.progress >= 1 && v.progress <= 99);
    t.equal(v.endTime, undefined);
  }
  t.ok(count((x) => x.s.creationTime < CLOCK_START - 30 * DAY) > 50, 'plenty of sessions older than the window');
  t.ok(count((x) => x.s.creationTime >= CLOCK_START - 30 * DAY) > 30, 'and plenty inside it');
  t.ok(
    sessions.every((s) => s.creationTime > CLOCK_START - 91 * DAY),
    'spread over about 90 days',
  );
  for (const { s } of views) {
    const stamp = new Date(s.creationTime).toISOString().slice(0, 19).replace('T', ' ');
    t.equal(
      s.name,
      s.jobType === 'FileLevelRestore'
        ? `FLR_[${s.vmRestorePoint.vm.name}]@${stamp}`
        : `${s.vmRestorePoint.vm.name}@${stamp}`,
    );
    t.ok(s.vmRestorePoint.creationTime < s.creationTime, 'restores come from an earlier point');
  }
  t.ok(
    sessions.every((s, i) => i === 0 || sessions[i - 1]!.creationTime <= s.creationTime),
    'kept in creation order (the window is a binary search)',
  );
});

t.test('GET /restoreSessions lists the last 30 days by the server clock, both forms', async (t) => {
  // A long idle timeout so the clock can jump days without the logon session expiring.
  const { app, real } = await build({ idleTimeoutMs: 400 * DAY });
  t.teardown(() => app.close());
  app.store = tinyStore();
  const token = await logon(app);
  const uids = async (url: string) => {
    const body = JSON.parse((await get(app, token, url, 'json')).body) as Json;
    const items = (body.Refs ?? body.RestoreSessions) as { UID: string }[];
    return items.map((i) => i.UID.split(':').pop());
  };
  t.same(await uids('/api/restoreSessions'), [FINISHED.id, RUNNING.id]);
  t.same(await uids('/api/restoreSessions?format=Entity'), [FINISHED.id, RUNNING.id]);

  // Exactly 30 days after OLD was created it is still inside; one millisecond later it is not.
  real.now = CLOCK_START - 12 * DAY;
  t.same(await uids('/api/restoreSessions'), [OLD.id], 'an earlier clock shows older sessions, not later ones');
  real.now = OLD.creationTime + 30 * DAY;
  t.same(await uids('/api/restoreSessions'), [OLD.id], 'the boundary instant is inside the window');
  real.now += 1;
  t.same(await uids('/api/restoreSessions'), [], 'one millisecond later it has left');
  t.same(await uids('/api/restoreSessions?format=Entity'), [], 'in both forms');

  const byId = await get(app, token, `/api/restoreSessions/${OLD.id}?format=Entity`, 'json');
  t.equal(byId.statusCode, 200, 'a session older than the window is still reachable by id');
  t.equal((JSON.parse(byId.body) as Json).Result, 'Failed');
});

t.test('a running session progresses with the clock, then stops with its result', async (t) => {
  const { app, real } = await build({ idleTimeoutMs: DAY });
  t.teardown(() => app.close());
  app.store = tinyStore();
  const token = await logon(app);
  const entity = async () =>
    JSON.parse((await get(app, token, `/api/restoreSessions/${RUNNING.id}?format=Entity`, 'json')).body) as Json;

  const first = await entity();
  t.match(first, { State: 'Working', Result: 'None', Progress: 25 });
  t.notOk('EndTimeUTC' in first, 'no end time while running');
  real.now += 32 * MINUTE;
  t.match(await entity(), { State: 'Working', Result: 'None', Progress: 75 });
  real.now += 16 * MINUTE;
  const done = await entity();
  t.match(done, { State: 'Stopped', Result: 'Success', Progress: 100, EndTimeUTC: '2026-11-29T12:48:00Z' });
  const list = (await get(app, token, '/api/restoreSessions?format=Entity')).body;
  t.match(
    list,
    '<State>Stopped</State><Result>Success</Result><Progress>100</Progress><RestoredObjRef>',
    'lists see it too',
  );
});

t.test('the history waits for its first use, and once listening is built in the background', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  t.ok(app.dataset.store.deferred, 'an app that is not listening builds none of it up front');
  const token = await logon(app);
  t.equal((await get(app, token, '/api/restoreSessions', 'json')).statusCode, 200);
  t.ok(app.dataset.store.deferred, 'the restore sessions do not need the replication runs');
  await get(app, token, '/api/replicaSessions', 'json');
  t.notOk(app.dataset.store.deferred, 'and they are built when listed');

  const config = defaultConfig({ port: 0, clockStart: CLOCK_START });
  const server = await listen({ config });
  t.ok(server.app.dataset.store.deferred, 'listening does not wait for it');
  while (server.app.dataset.store.deferred) await new Promise((resolve) => setTimeout(resolve, 5));
  t.pass('the listening server builds it between requests');
  await server.app.close();
  const closed = await listen({ config });
  await closed.app.close();
  await new Promise((resolve) => setTimeout(resolve, 20));
  t.ok(closed.app.dataset.store.deferred, 'a closed server stops building it');
});
