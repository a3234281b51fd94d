import { Rng, guidFor } from './random.js';
import { MINUTE, nameStamp } from './time.js';
import type { Store } from './store.js';
import type { NasBackupSession, NasJob } from './model.js';

/** The file share job's newest session (only it can still be running). */
export function latestNasSession(store: Store, job: NasJob): NasBackupSession | undefined {
  const all = store.nasBackupSessions.all();
  for (let i = all.length - 1; i >= 0; i--) if (all[i]!.job.id === job.id) return all[i];
  return undefined;
}

/** A new run of a file share backup job, ending as the test said (the next job run's outcome) or with Success after 5–40 minutes. */
export function startNasRun(store: Store, seed: number, job: NasJob, now: number, isRetry: boolean): NasBackupSession {
  const n = store.nextActionNumber();
  const outcome = store.outcomes.jobRun ?? {};
  const session: NasBackupSession = {
    id: guidFor(seed, 'ActionNasSession', n),
    name: `${job.name}@${nameStamp(now)}`,
    job,
    creationTime: now,
    endTime: now + (outcome.durationMs ?? new Rng(seed, 'ActionNasSession', n).int(5 * MINUTE, 40 * MINUTE)),
    result: outcome.result ?? 'Success',
    isRetry,
  };
  store.outcomes = { ...store.outcomes, jobRun: undefined };
  return store.change(() => {
    // EM lists file share sessions under /backupSessions too.
    store.nasBackupSessions.add(session);
    store.backupSessions.add(session);
    return session;
  });
}

/** Ends a running file share session now, as a user's stop does. */
export function stopNasSession(store: Store, running: NasBackupSession, now: number): void {
  const stopped: NasBackupSession = { ...running, endTime: now, result: 'Failed' };
  store.change(() => {
    store.nasBackupSessions.replace(stopped);
    if (store.backupSessions.get(stopped.id)) store.backupSessions.replace(stopped);
  });
}

export function toggleNasSchedule(store: Store, job: NasJob): void {
  store.change(() => store.nasJobs.replace({ ...job, scheduleEnabled: job.scheduleEnabled === false }));
}
