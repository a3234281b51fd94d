import t from 'tap';
import { act } from './actionHelper.js';
import { round, smallEstate, ticker, DAY } from './cacheEquivalence.js';

// Cached collection answers equal freshly built ones through job edits, restores and mounts (see cacheEquivalence.ts).

t.test('job edits, restores, mounts and tasks: every cached answer equals a fresh build', async (t) => {
  const { app, real, token } = await smallEstate();
  const tick = ticker(t, app, real, () => token);
  const send = async (url: string, method: 'POST' | 'DELETE' = 'POST', body?: object) => {
    const res = await act(app, token, url, { method, ...(body ? { body } : {}) });
    t.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.statusCode < 300 ? '' : res.body}`);
  };
  const store = app.store;
  const backupJob = store.jobs.all().find((j) => j.jobType === 'Backup')!;

  await round(t, app, token, 'at the start (warms the caches)', 'both');
  await send(`/api/jobs/${backupJob.id}?action=clone`, 'POST', {
    BackupJobCloneInfo: {
      JobName: 'Cloned for the cache test',
      FolderName: 'cache-test',
      RepositoryUid: `urn:veeam:Repository:${backupJob.backup!.repository.id}`,
    },
  });
  await round(t, app, token, 'after a job clone', 'both');
  await send(`/api/jobs/${backupJob.id}?action=toggleScheduleEnabled`);
  await round(t, app, token, 'after a schedule toggle', 'both');
  const clone = store.jobs.all().find((j) => j.name === 'Cloned for the cache test')!;
  await send(`/api/jobs/${clone.id}`, 'DELETE');
  await round(t, app, token, 'after a job delete', 'both');

  const point = store.vmRestorePoints.between(0, app.clock.now()).at(-1)!;
  await send(`/api/vmRestorePoints/${point.id}?action=restore`, 'POST', {
    VmRestoreSpec: { PowerOnAfterRestore: true, QuickRollback: false },
  });
  await tick('a restore in progress', 2, 200_000);
  await send(`/api/vmRestorePoints/${point.id}/mounts`);
  await round(t, app, token, 'after a mount', 'both');
  await send(`/api/vmRestorePoints/${point.id}/mounts/1`, 'DELETE');
  await round(t, app, token, 'after an unmount', 'both');
  // Every task started so far finishes; then one is removed.
  real.now += DAY;
  await round(t, app, token, 'after every task finished', 'both');
  await send('/api/tasks/task-1', 'DELETE');
  await round(t, app, token, 'after a task was removed', 'both');
});
