import { MINUTE } from './time.js';
import type { NasBackupSession, NasJob } from './model.js';
import { addRun, latestRun, newRun, stopRun, toggleSchedule, type PlainJobRuns } from './runActions.js';

/** File share job actions: a run is one session of 5–40 minutes (unless the test said). */
export const nasRuns: PlainJobRuns<NasJob, NasBackupSession> = {
  latest: (store, job) => latestRun(store.nasBackupSessions, job),
  start: (store, seed, job, now, isRetry) =>
    addRun(store, store.nasBackupSessions, {
      ...newRun(store, seed, 'ActionNasSession', job, now, isRetry, [5 * MINUTE, 40 * MINUTE]),
      job,
    }),
  stop: (store, running, now) => stopRun(store, store.nasBackupSessions, running, now),
  toggleSchedule: (store, job) => toggleSchedule(store, store.nasJobs, job),
};
