import t from 'tap';
import { act } from './actionHelper.js';
import { round, smallEstate, ticker, DAY } from './cacheEquivalence.js';

// Cached collection answers equal freshly built ones through job runs and stops (see cacheEquivalence.ts).

t.test('job runs and stops: every cached collection, query and report equals a fresh build', async (t) => {
  const { app, real, token } = await smallEstate();
  const tick = ticker(t, app, real, () => token);
  const post = async (url: string) => {
    const res = await act(app, token, url);
    t.ok(res.statusCode < 300, `${url}: ${res.statusCode} ${res.statusCode < 300 ? '' : res.body}`);
  };
  const store = app.store;
  const backupJob = store.jobs.all().find((j) => j.jobType === 'Backup')!;
  const replicaJob = store.jobs.all().find((j) => j.jobType === 'Replica')!;
  const nasJob = store.nasJobs.all()[0]!;

  await round(t, app, token, 'at the start (warms the caches)', 'full');
  await round(t, app, token, 'unchanged', 'both');
  await post(`/api/jobs/${backupJob.id}?action=start`);
  await round(t, app, token, 'after a backup job start', 'both');
  await tick('a backup run in progress', 3, 40_000);
  await post(`/api/jobs/${backupJob.id}?action=stop`);
  await round(t, app, token, 'after a job stop', 'both');
  await post(`/api/jobs/${backupJob.id}?action=retry`);
  await tick('a retry runs to its end', 3, 120_000);
  real.now += 30 * 60_000;
  await round(t, app, token, 'after the run ended and its point was written', 'both');
  await post(`/api/jobs/${replicaJob.id}?action=stop`);
  await round(t, app, token, 'after a replica stop', 'both');
  await post(`/api/jobs/${replicaJob.id}?action=start`);
  await tick('a replica run', 2, 90_000);
  await post(`/api/nas/jobs/${nasJob.id}/start`);
  await tick('a file share run', 2, 60_000);
  await post(`/api/nas/jobs/${nasJob.id}/stop`);
  await round(t, app, token, 'after a file share stop', 'both');
  real.now += DAY;
  await round(t, app, token, 'after every run and task finished', 'both');
});
