import t from 'tap';
import { build, get, logon } from './helper.js';
import { act, guid, EM_NS } from './actionHelper.js';
import { matchExpected } from './expected.js';

type App = Awaited<ReturnType<typeof build>>['app'];
const json = async (app: App, token: string, url: string) =>
  JSON.parse((await get(app, token, url, 'json')).body) as Record<string, any>;

async function newestPoint(app: App, token: string, platform: string) {
  const q = await json(app, token, '/api/query?type=VmRestorePoint&format=Entities&sortDesc=CreationTime&pageSize=200');
  return (
    q.Entities.VmRestorePoints.VmRestorePoints as { UID: string; HierarchyObjRef: string; VmDisplayName?: string }[]
  ).find((p) => p.HierarchyObjRef.startsWith(`urn:${platform}:Vm:`))!;
}

t.test(
  'file-level restore: mount (task links the mount), read it, list it, unmount; its FileLevelRestore session follows',
  async (t) => {
    const { app, real } = await build();
    const token = await logon(app);
    const point = guid((await newestPoint(app, token, 'VMware')).UID);
    const res = await act(app, token, `/api/vmRestorePoints/${point}/mounts`, {
      body: `<FileLevelRestoreSpec ${EM_NS}/>`,
    });
    t.equal(res.statusCode, 202);
    t.match(res.body, /<Operation>MountRestorePoint<\/Operation><\/Task>$/);
    real.now += 2000;
    matchExpected(t, (await get(app, token, '/api/tasks/task-1')).body, 'actions/mount-task-finished', 'xml');
    matchExpected(t, (await get(app, token, `/api/vmRestorePoints/${point}/mounts/1`)).body, 'actions/mount', 'xml');
    matchExpected(
      t,
      (await get(app, token, `/api/vmRestorePoints/${point}/mounts/1`, 'json')).body,
      'actions/mount',
      'json',
    );
    t.equal((await json(app, token, `/api/vmRestorePoints/${point}/mounts`)).VmRestorePointMounts.length, 1);
    const flr = (await json(app, token, '/api/restoreSessions?format=Entity')).RestoreSessions.at(-1);
    t.match(flr, { JobType: 'FileLevelRestore', State: 'Working', Result: 'None' });
    t.match(flr.Name, /^FLR_\[/);
    // Mounts live in the logon session that made them.
    const other = await logon(app);
    t.equal((await get(app, other, `/api/vmRestorePoints/${point}/mounts/1`)).statusCode, 404);
    t.equal((await json(app, other, `/api/vmRestorePoints/${point}/mounts`)).VmRestorePointMounts.length, 0);
    real.now += 60_000;
    const del = await act(app, token, `/api/vmRestorePoints/${point}/mounts/1`, { method: 'DELETE' });
    t.equal(del.statusCode, 204);
    t.equal(del.body, '');
    t.match(await json(app, token, `/api/restoreSessions/${guid(flr.UID)}?format=Entity`), {
      State: 'Stopped',
      Result: 'Success',
      EndTimeUTC: '2026-11-29T12:01:02Z',
    });
    const gone = await get(app, token, `/api/vmRestorePoints/${point}/mounts/1`, 'json');
    t.equal(gone.statusCode, 404);
    t.equal(
      JSON.parse(gone.body).Message,
      `There is no mount "1" of the vm restore point ${point} in this logon session.`,
    );
    t.equal((await act(app, token, `/api/vmRestorePoints/${point}/mounts/1`, { method: 'DELETE' })).statusCode, 404);
    await app.close();
  },
);

t.test('quick backup runs the VM alone in the job that protects it; an unknown VmRef is a 400', async (t) => {
  const { app, real } = await build();
  const token = await logon(app);
  const vmPoint = await newestPoint(app, token, 'VMware');
  const pointEntity = await json(app, token, `/api/vmRestorePoints/${guid(vmPoint.UID)}?format=Entity`);
  const server = (pointEntity.Links.find((l: { Type: string }) => l.Type === 'BackupServerReference').Href as string)
    .split('/')
    .pop();
  const res = await act(app, token, `/api/backupServers/${server}?action=quickbackup`, {
    body: `<?xml version="1.0" encoding="utf-8"?> <QuickBackupStartupSpec ${EM_NS}> <VmRef>${vmPoint.HierarchyObjRef}</VmRef> </QuickBackupStartupSpec>`,
  });
  t.equal(res.statusCode, 202);
  t.match(res.body, /<Operation>QuickBackup<\/Operation><\/Task>$/);
  real.now += 2000;
  const task = await json(app, token, '/api/tasks/task-1');
  const related = task.Links.find((l: { Rel: string }) => l.Rel === 'Related');
  t.match(related, { Type: 'BackupJobSession' });
  t.equal(
    related.Name,
    null,
    'the docs show the quick backup session link without a Name (null in JSON, as every absent Name)',
  );
  const session = await json(app, token, related.Href.replace(/^http:\/\/[^/]+/, ''));
  t.match(session, { JobName: /^vSphere Backup \d$/, State: 'Working' });
  t.equal((await json(app, token, `/api/backupSessions/${guid(session.UID)}/taskSessions`)).Refs.length, 1);
  const bad = await act(app, token, `/api/backupServers/${server}?action=quickbackup`, {
    fmt: 'json',
    body: { VmRef: 'urn:VMware:Vm:nothing' },
  });
  t.equal(bad.statusCode, 400);
  t.equal(
    JSON.parse(bad.body).Message,
    `QuickBackupStartupSpec.VmRef: there is no VM "urn:VMware:Vm:nothing" on ${pointEntity.Links.find((l: { Type: string }) => l.Type === 'BackupServerReference').Name}.`,
  );
  const veeamZip = await act(app, token, `/api/backupServers/${server}?action=veeamzip`, { fmt: 'json' });
  t.equal(
    JSON.parse(veeamZip.body).Message,
    'Unknown action "veeamzip" for a backup server: expected one of quickbackup.',
  );
  await app.close();
});

t.test('unmounting after the control plane deleted the mount session still answers 204', async (t) => {
  const { app } = await build();
  const token = await logon(app);
  const point = guid((await newestPoint(app, token, 'HyperV')).UID);
  await act(app, token, `/api/vmRestorePoints/${point}/mounts`);
  const flr = (await json(app, token, '/api/restoreSessions')).Refs.at(-1);
  app.control.deleteRestoreSession(guid(flr.UID));
  t.equal((await act(app, token, `/api/vmRestorePoints/${point}/mounts/1`, { method: 'DELETE' })).statusCode, 204);
  t.equal((await get(app, token, `/api/restoreSessions/${guid(flr.UID)}`)).statusCode, 404);
  await app.close();
});

t.test('quick backup of a VM whose job is running is refused in its task', async (t) => {
  const { app, real } = await build();
  const token = await logon(app);
  const vmPoint = await newestPoint(app, token, 'HyperV');
  const pointEntity = await json(app, token, `/api/vmRestorePoints/${guid(vmPoint.UID)}?format=Entity`);
  const server = (pointEntity.Links.find((l: { Type: string }) => l.Type === 'BackupServerReference').Href as string)
    .split('/')
    .pop();
  const body = { VmRef: vmPoint.HierarchyObjRef };
  await act(app, token, `/api/backupServers/${server}?action=quickbackup`, { body });
  await act(app, token, `/api/backupServers/${server}?action=QUICKBACKUP`, { body });
  real.now += 2000;
  t.match(await json(app, token, '/api/tasks/task-2'), {
    Operation: 'QuickBackup',
    Result: { Success: false, Message: /^Job "Hyper-V Backup \d" is already running\.$/ },
  });
  await app.close();
});
