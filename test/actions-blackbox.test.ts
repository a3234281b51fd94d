import t from 'tap';
import type { Test } from 'tap';
import { flowClient } from './flowClient.js';

/**
 * Whole action flows over a real socket, as a client would run them: act, poll the task,
 * follow its Related link. The clock is frozen and moved through the control plane, so nothing
 * depends on real time. (The server runs in-process through the library: starting the CLI is
 * covered by blackbox.test.ts, and a process start is slow on a loaded machine.)
 */

/** The flow client, plus long waits in steps, each followed by a request, as a polling client keeps its logon alive. */
async function client(t: Test) {
  const { call, advance, poll } = await flowClient(t);
  const wait = async (minutes: number) => {
    for (let left = minutes; left > 0; left -= 10) {
      await advance(`${Math.min(10, left)}m`);
      await call('GET', 'tasks');
    }
  };
  return { call, poll, wait };
}

t.test(
  'start a job → task → session Working then Success with a new point; restore from it; clone then delete',
  async (t) => {
    const { call, poll, wait } = await client(t);

    // 1. Start a job, poll its task, follow it to the session; it ends Success with a new restore point.
    const jobs = await call('GET', 'jobs?format=Entity');
    const job = (jobs.body.Jobs as Record<string, any>[]).find((j) => j.Name === 'vSphere Backup 1')!;
    const jobId = (job.UID as string).split(':').pop();
    const started = await call('POST', `jobs/${jobId}?action=start`);
    t.equal(started.status, 202);
    t.match(started.body, { Operation: 'StartJob', State: 'Running' });
    const startTask = await poll(started.body);
    t.equal(startTask.Result.Success, true);
    const sessionHref = (startTask.Links as { Rel: string; Href: string }[]).find((l) => l.Rel === 'Related')!.Href;
    t.match((await call('GET', sessionHref)).body, { State: 'Working', Result: 'None' });
    await wait(20);
    const session = (await call('GET', sessionHref)).body;
    t.match(session, { State: 'Stopped', Result: 'Success' });
    const pointHref = (session.Links as { Type: string; Href: string }[]).find(
      (l) => l.Type === 'RestorePointReference',
    )!.Href;
    const vmPoints = await call('GET', `${pointHref}/vmRestorePoints`);
    t.equal(vmPoints.status, 200);
    const vmPoint = (vmPoints.body.Refs as { UID: string }[])[0]!.UID.split(':').pop();

    // 2. Restore a VM from that point: the session is listed in /restoreSessions and ends.
    const restore = await call('POST', `vmRestorePoints/${vmPoint}?action=restore`, {
      VmRestoreSpec: { PowerOnAfterRestore: true, QuickRollback: false },
    });
    t.equal(restore.status, 202);
    const restoreTask = await poll(restore.body);
    const restoreHref = (restoreTask.Links as { Rel: string; Href: string }[]).find((l) => l.Rel === 'Related')!.Href;
    const restoreId = restoreHref.split('/').pop()!.split('?')[0];
    const listed = await call('GET', 'restoreSessions');
    t.ok(
      (listed.body.Refs as { UID: string }[]).some((r) => r.UID.endsWith(restoreId!)),
      'listed in /restoreSessions',
    );
    t.match((await call('GET', restoreHref)).body, { JobType: 'RestoreVm', State: 'Working' });
    await wait(15);
    t.match((await call('GET', restoreHref)).body, { State: 'Stopped', Result: 'Success' });

    // 3. Clone the job, then delete the clone.
    const repo = (await call('GET', 'repositories?format=Entity')).body.Repositories[0];
    const cloned = await call('POST', `jobs/${jobId}?action=clone`, {
      BackupJobCloneInfo: {
        JobName: 'vSphere Backup 1 clone',
        FolderName: 'vSphere Backup 1 clone',
        RepositoryUid: repo.UID,
      },
    });
    t.equal(cloned.status, 202);
    const cloneTask = await poll(cloned.body);
    const cloneHref = (cloneTask.Links as { Rel: string; Href: string }[]).find((l) => l.Rel === 'Related')!.Href;
    t.match((await call('GET', cloneHref)).body, { Name: 'vSphere Backup 1 clone', JobType: 'Backup' });
    const deleted = await call('DELETE', cloneHref.split('?')[0]!);
    t.equal(deleted.status, 202);
    t.match(await poll(deleted.body), { Operation: 'DeleteJob', Result: { Success: true } });
    t.equal((await call('GET', cloneHref)).status, 404);
  },
);

t.test('start an agent job → task → session Working then Success → a new agent restore point is listed', async (t) => {
  const { call, poll, wait } = await client(t);
  const uids = async (path: string) => ((await call('GET', path)).body.Refs as { UID: string }[]).map((r) => r.UID);
  const jobs = (await call('GET', 'agents/jobs')).body.Refs as { Name: string; UID: string }[];
  const jobId = jobs
    .find((j) => j.Name === 'Windows Agent Backup 1')!
    .UID.split(':')
    .pop();
  const pointsBefore = await uids('agents/agentRestorePoints');

  const started = await call('POST', `agents/jobs/${jobId}?action=start`);
  t.equal(started.status, 202);
  t.match(started.body, { Operation: 'StartJob', State: 'Running' });
  const task = await poll(started.body);
  t.match(task.Result, { Success: true, Message: 'Job "Windows Agent Backup 1" triggered to start.' });
  const sessionHref = (task.Links as { Rel: string; Href: string }[]).find((l) => l.Rel === 'Related')!.Href;
  const working = (await call('GET', sessionHref)).body;
  t.match(working, { JobType: 'AgentBackup', State: 'Working', Result: 'None' });
  t.ok((await uids('agents/backupSessions')).includes(working.UID), 'listed in /agents/backupSessions');
  t.ok((await uids(`agents/jobs/${jobId}/backupSessions`)).includes(working.UID), "listed in the job's sessions");

  await wait(30);
  const done = (await call('GET', sessionHref)).body;
  t.match(done, { State: 'Stopped', Result: 'Success', Progress: 100 });
  const points = await uids('agents/agentRestorePoints');
  t.equal(points.length, pointsBefore.length + 1);
  const point = (await call('GET', `agents/agentRestorePoints/${points.at(-1)!.split(':').pop()}?format=Entity`)).body;
  t.match(point, { Name: /^ws101\.tech\.local@2026-11-29 12:/ });
  t.ok(point.CreationTimeUTC > done.CreationTimeUTC && point.CreationTimeUTC < done.EndTimeUTC, 'taken during the run');
});
