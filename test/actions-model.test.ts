import t from 'tap';
import { build, get, logon } from './helper.js';
import { act, guid } from './actionHelper.js';

const JOB = '1c215130-8d50-4c63-b43e-b7d13eb1974a';
const MIN = 60_000;

type Json = Record<string, unknown> & { Refs?: { UID: string; Name: string }[] };
const json = async (app: Parameters<typeof get>[0], token: string, url: string) =>
  JSON.parse((await get(app, token, url, 'json')).body) as Json;
const entities = async (app: Parameters<typeof get>[0], token: string, url: string, key: string) =>
  ((await json(app, token, url)) as Record<string, Record<string, unknown>[]>)[key]!;

t.test(
  'a started backup run works on the clock and leaves its point, file and VM points, seen by every view',
  async (t) => {
    const { app, real } = await build();
    let token = await logon(app);
    const repoOf = async () => {
      const b = (await entities(app, token, `/api/backups?format=Entity`, 'Backups')).find(
        (x) => x.Name === 'vSphere Backup 1',
      )!;
      const link = (b.Links as { Rel: string; Type: string; Href: string }[]).find(
        (l) => l.Type === 'RepositoryReference',
      )!;
      const repo = await json(app, token, `${link.Href.replace(/^https?:\/\/[^/]+/, '')}?format=Entity`);
      return { backupUid: b.UID as string, free: repo.FreeSpace as number };
    };
    const before = await repoOf();
    const pointsBefore = (await json(app, token, `/api/backups/${guid(before.backupUid)}/restorePoints`)).Refs!.length;
    await act(app, token, `/api/jobs/${JOB}?action=start`);
    const sessions = await entities(app, token, `/api/jobs/${JOB}/backupSessions?format=Entity`, 'BackupJobSessions');
    const s = sessions.at(-1)!;
    t.match(s, { State: 'Working', Result: 'None', IsRetry: false, CreationTimeUTC: '2026-11-29T12:00:00Z' });
    t.notOk('EndTimeUTC' in s);
    const id = guid(s.UID as string);
    const running = await json(
      app,
      token,
      `/query?type=BackupJobSession&filter=JobUid==%22urn:veeam:Job:${JOB}%22;State==Working&format=Entities`.replace(
        '/query',
        '/api/query',
      ),
    );
    t.match(JSON.stringify(running), new RegExp(id));
    // One task session per VM of the job, started in turn.
    real.now += 1000;
    const tasks = await json(app, token, `/api/backupSessions/${id}/taskSessions`);
    t.equal(tasks.Refs!.length, 1, 'only the first VM has started');
    real.now += 3 * MIN;
    const mid = await json(app, token, `/api/backupSessions/${id}?format=Entity`);
    t.ok((mid.Progress as number) > 1 && (mid.Progress as number) < 100, 'progress rises with the clock');
    t.equal(
      (await json(app, token, `/api/backups/${guid(before.backupUid)}/restorePoints`)).Refs!.length,
      pointsBefore,
      'no point before the run ends',
    );
    real.now += 10 * MIN;
    token = await logon(app);
    const done = await json(app, token, `/api/backupSessions/${id}?format=Entity`);
    t.match(done, { State: 'Stopped', Result: 'Success', Progress: 100 });
    t.equal((await json(app, token, `/api/backupSessions/${id}/taskSessions`)).Refs!.length, 8);
    const points = (await json(app, token, `/api/backups/${guid(before.backupUid)}/restorePoints`)).Refs!;
    t.equal(points.length, pointsBefore + 1, 'the run wrote a restore point');
    const point = guid(points.at(-1)!.UID);
    t.equal((await json(app, token, `/api/restorePoints/${point}/vmRestorePoints`)).Refs!.length, 8);
    t.equal((await json(app, token, `/api/restorePoints/${point}/backupFiles`)).Refs!.length, 1);
    const after = await repoOf();
    t.ok(after.free < before.free, 'the repository has less free space');
    // Clients find a VM's newest point by the VM's reference.
    const vmPoint = await json(app, token, `/api/restorePoints/${point}/vmRestorePoints?format=Entity`);
    const first = (vmPoint.VmRestorePoints as Record<string, string>[])[0]!;
    const byRef = await json(
      app,
      token,
      `/api/query?type=VmRestorePoint&filter=HierarchyObjRef==%22${encodeURIComponent(first.HierarchyObjRef!)}%22&sortDesc=CreationTime`,
    );
    t.match(JSON.stringify(byRef), new RegExp(guid(first.UID!)));
    await app.close();
  },
);

t.test('stop ends a running session now as Failed; stopping an idle job is refused in its task', async (t) => {
  const { app, real } = await build();
  const token = await logon(app);
  const copy = (await json(app, token, '/api/jobs')).Refs!.find((r) => r.Name === 'vSphere Backup Copy 1')!;
  const copyId = guid(copy.UID);
  const before = (
    await entities(app, token, `/api/jobs/${copyId}/backupSessions?format=Entity`, 'BackupJobSessions')
  ).at(-1)!;
  t.equal(before.State, 'Working', 'the generated backup copy runs at the clock start');
  const res = await act(app, token, `/api/jobs/${copyId}?action=stop`, { fmt: 'json' });
  t.equal(res.statusCode, 202);
  const stopped = await json(app, token, `/api/backupSessions/${guid(before.UID as string)}?format=Entity`);
  t.match(stopped, { State: 'Stopped', Result: 'Failed', EndTimeUTC: '2026-11-29T12:00:00Z', Progress: 100 });
  real.now += 2000;
  t.match(await json(app, token, '/api/tasks/task-1'), {
    Operation: 'StopJob',
    Result: { Success: true, Message: 'Job "vSphere Backup Copy 1" triggered to stop.' },
  });
  await act(app, token, `/api/jobs/${copyId}?action=stop`);
  real.now += 2000;
  t.match(await json(app, token, '/api/tasks/task-2'), {
    Result: { Success: false, Message: 'Job "vSphere Backup Copy 1" is not running.' },
  });
  // The stop is private to this app: a fresh app of the same dataset still sees it running.
  const other = await build();
  const otherToken = await logon(other.app);
  t.equal(
    (await json(other.app, otherToken, `/api/backupSessions/${guid(before.UID as string)}?format=Entity`)).State,
    'Working',
  );
  await other.app.close();
  await app.close();
});

t.test('stopping an action-started run drops what it had not written', async (t) => {
  const { app, real } = await build();
  const token = await logon(app);
  await act(app, token, `/api/jobs/${JOB}?action=start`);
  real.now += 2 * MIN;
  const s = (await entities(app, token, `/api/jobs/${JOB}/backupSessions?format=Entity`, 'BackupJobSessions')).at(-1)!;
  await act(app, token, `/api/jobs/${JOB}?action=stop`);
  const tasks = await entities(
    app,
    token,
    `/api/backupSessions/${guid(s.UID as string)}/taskSessions?format=Entity`,
    'BackupTaskSessions',
  );
  t.ok(tasks.length >= 1 && tasks.length < 8, 'tasks not yet started never happen');
  t.match(tasks.at(-1), { State: 'Completed', Result: 'Failed', Reason: 'Job has been stopped by user.' });
  t.notOk(
    (
      (await json(app, token, `/api/backupSessions/${guid(s.UID as string)}?format=Entity`)).Links as { Type: string }[]
    ).some((l) => l.Type === 'RestorePointReference'),
  );
  real.now += 60 * MIN;
  const fresh = await logon(app);
  const pts = await json(app, fresh, `/api/query?type=RestorePoint&filter=CreationTime>="2026-11-29T12:00:00Z"`);
  t.notMatch(JSON.stringify(pts), /vSphere Backup 1/);
  await app.close();
});

t.test('retry runs the failed VMs again as a retry session; nothing to retry is refused', async (t) => {
  const { app, real } = await build();
  const token = await logon(app);
  await act(app, token, `/api/jobs/${JOB}?action=retry`);
  real.now += 2000;
  t.match(await json(app, token, '/api/tasks/task-1'), {
    Operation: 'RetryJob',
    Result: { Success: false, Message: 'Job "vSphere Backup 1" has no failed VMs to retry.' },
  });
  app.control.setOutcomes({ jobRun: { result: 'Failed', duration: '4m', message: 'Snapshot failed.' } });
  await act(app, token, `/api/jobs/${JOB}?action=start`);
  await act(app, token, `/api/jobs/${JOB}?action=retry`);
  real.now += 4 * MIN;
  const failed = (await entities(app, token, `/api/jobs/${JOB}/backupSessions?format=Entity`, 'BackupJobSessions')).at(
    -1,
  )!;
  t.match(failed, { Result: 'Failed', EndTimeUTC: '2026-11-29T12:04:02Z' });
  const ft = await entities(
    app,
    token,
    `/api/backupSessions/${guid(failed.UID as string)}/taskSessions?format=Entity`,
    'BackupTaskSessions',
  );
  t.equal(ft.length, 8);
  t.ok(ft.every((x) => x.Reason === 'Snapshot failed.'));
  t.match(await json(app, token, '/api/tasks/task-3'), {
    Result: { Success: false, Message: 'Job "vSphere Backup 1" is already running.' },
  });
  await act(app, token, `/api/jobs/${JOB}?action=retry`, { fmt: 'json' });
  const retry = (await entities(app, token, `/api/jobs/${JOB}/backupSessions?format=Entity`, 'BackupJobSessions')).at(
    -1,
  )!;
  t.match(retry, { IsRetry: true, State: 'Working' });
  real.now += 2000;
  t.match(await json(app, token, '/api/tasks/task-4'), {
    Operation: 'RetryJob',
    Result: { Success: true, Message: 'Job "vSphere Backup 1" triggered to retry.' },
  });
  await app.close();
});

t.test('toggleScheduleEnabled flips ScheduleEnabled in the entity and in queries', async (t) => {
  const { app } = await build();
  const token = await logon(app);
  t.equal((await json(app, token, `/api/jobs/${JOB}?format=Entity`)).ScheduleEnabled, true);
  t.equal((await act(app, token, `/api/jobs/${JOB}?action=toggleScheduleEnabled`)).statusCode, 202);
  t.equal((await json(app, token, `/api/jobs/${JOB}?format=Entity`)).ScheduleEnabled, false);
  const q = await json(app, token, '/api/query?type=Job&filter=ScheduleEnabled==false');
  t.match(JSON.stringify(q), new RegExp(JOB));
  await act(app, token, `/api/jobs/${JOB}?action=toggleScheduleEnabled`);
  t.equal((await json(app, token, `/api/jobs/${JOB}?format=Entity`)).ScheduleEnabled, true);
  t.equal(
    (await json(app, token, `/api/jobs/${JOB}/backupSessions`)).Refs!.length > 0,
    true,
    'history still belongs to the job',
  );
  await app.close();
});

t.test('delete removes the job; its sessions stay reachable by id; a running job is refused', async (t) => {
  const { app, real } = await build();
  const token = await logon(app);
  const sessions = (await json(app, token, `/api/jobs/${JOB}/backupSessions`)).Refs!;
  const jobsBefore = (await json(app, token, '/api/jobs')).Refs!.length;
  const res = await act(app, token, `/api/jobs/${JOB}`, { method: 'DELETE', fmt: 'json' });
  t.equal(res.statusCode, 202);
  t.match(JSON.parse(res.body), { Operation: 'DeleteJob', State: 'Running' });
  real.now += 2000;
  t.match(await json(app, token, '/api/tasks/task-1'), { State: 'Finished', Result: { Success: true, Message: 'Ok' } });
  t.equal((await get(app, token, `/api/jobs/${JOB}`)).statusCode, 404);
  t.equal((await json(app, token, '/api/jobs')).Refs!.length, jobsBefore - 1);
  t.equal((await get(app, token, `/api/backupSessions/${guid(sessions[0]!.UID)}`)).statusCode, 200);
  t.equal((await act(app, token, `/api/jobs/${JOB}`, { method: 'DELETE' })).statusCode, 404);
  const copy = (await json(app, token, '/api/jobs')).Refs!.find((r) => r.Name === 'vSphere Backup Copy 1')!;
  await act(app, token, `/api/jobs/${guid(copy.UID)}`, { method: 'DELETE' });
  real.now += 2000;
  t.match(await json(app, token, '/api/tasks/task-2'), {
    Result: { Success: false, Message: 'Job "vSphere Backup Copy 1" is running; stop it before deleting it.' },
  });
  t.equal((await get(app, token, `/api/jobs/${guid(copy.UID)}`)).statusCode, 200);
  await app.close();
});

t.test('file share jobs: start, stop, retry and toggleScheduleEnabled on NAS sessions', async (t) => {
  const { app, real } = await build();
  const token = await logon(app);
  const nas = (await json(app, token, '/api/nas/jobs')).Refs!.find((r) => r.Name === 'File Share Backup 1')!;
  const id = guid(nas.UID);
  const sessions = async () =>
    entities(app, token, `/api/nas/jobs/${id}/backupSessions?format=Entity`, 'BackupJobSessions');
  const count = (await sessions()).length;
  t.equal((await act(app, token, `/api/nas/jobs/${id}/start`)).statusCode, 202);
  t.match((await sessions()).at(-1), { State: 'Working', JobType: 'NasBackup' });
  t.equal((await sessions()).length, count + 1);
  await act(app, token, `/api/nas/jobs/${id}/START`);
  await act(app, token, `/api/nas/jobs/${id}/stop`);
  t.match((await sessions()).at(-1), { State: 'Stopped', Result: 'Failed' });
  await act(app, token, `/api/nas/jobs/${id}/retry`);
  t.match((await sessions()).at(-1), { State: 'Working', IsRetry: true });
  await act(app, token, `/api/nas/jobs/${id}/toggleScheduleEnabled`);
  t.equal((await json(app, token, `/api/nas/jobs/${id}?format=Entity`)).ScheduleEnabled, false);
  real.now += 2000;
  const tasks = (await entities(app, token, '/api/tasks', 'Tasks')).map((x) => [
    x.Operation,
    (x.Result as { Success: boolean }).Success,
  ]);
  t.same(tasks, [
    ['StartNasJob', true],
    ['StartNasJob', false],
    ['StopNasJob', true],
    ['RetryNasJob', true],
    ['UpdateJob', true],
  ]);
  const started = (await entities(app, token, '/api/tasks', 'Tasks'))[0]!;
  const related = (started.Links as { Rel: string; Href: string }[]).find((l) => l.Rel === 'Related')!;
  t.equal((await get(app, token, related.Href.replace(/^http:\/\/[^/]+/, ''))).statusCode, 200);
  await act(app, token, `/api/nas/jobs/${id}/stop`);
  app.control.setOutcomes({ jobRun: { duration: '1m' } });
  await act(app, token, `/api/nas/jobs/${id}/retry`);
  real.now += 60_000;
  t.match((await sessions()).at(-1), { State: 'Stopped', Result: 'Success', IsRetry: true });
  await act(app, token, `/api/nas/jobs/${id}/retry`);
  real.now += 2000;
  t.match((await entities(app, token, '/api/tasks', 'Tasks')).at(-1), {
    Operation: 'RetryNasJob',
    Result: { Success: false, Message: 'Job "File Share Backup 1" has nothing failed to retry.' },
  });
  const bad = await act(app, token, `/api/nas/jobs/${id}/explode`, { fmt: 'json' });
  t.equal(bad.statusCode, 400);
  t.equal(
    JSON.parse(bad.body).Message,
    'Unknown action "explode" for a file share job: expected one of start, stop, retry, toggleScheduleEnabled.',
  );
  t.equal((await get(app, token, `/api/nas/jobs/${id}/start`)).statusCode, 405);
  await app.close();
});

t.test('summary reports follow action-made runs, deletions and repository space', async (t) => {
  const { app, real } = await build();
  let token = await logon(app);
  const stats = async () => (await json(app, token, '/api/reports/summary/job_statistics')) as Record<string, number>;
  const repos = async () => JSON.stringify(await json(app, token, '/api/reports/summary/repository'));
  const before = await stats();
  const reposBefore = await repos();
  await act(app, token, `/api/jobs/${JOB}?action=start`);
  const during = await stats();
  t.equal(during.RunningJobs, before.RunningJobs! + 1);
  t.equal(during.TotalJobRuns, before.TotalJobRuns! + 1);
  t.not(await repos(), reposBefore, 'the repository report moves with the backup written');
  real.now += 14 * MIN;
  token = await logon(app);
  // Once the started run has ended, the running count is what an app without it shows.
  const plain = await build();
  plain.real.now = real.now;
  const plainToken = await logon(plain.app);
  const plainStats = (await json(plain.app, plainToken, '/api/reports/summary/job_statistics')) as Record<
    string,
    number
  >;
  await plain.app.close();
  t.equal((await stats()).RunningJobs, plainStats.RunningJobs);
  t.equal((await stats()).TotalJobRuns, plainStats.TotalJobRuns! + 1);
  const ScheduledJobs = (await stats()).ScheduledJobs!;
  await act(app, token, `/api/jobs/${JOB}`, { method: 'DELETE' });
  t.equal((await stats()).ScheduledJobs, ScheduledJobs - 1);
  await app.close();
});
