import { Rng, guidFor } from './random.js';
import { nameStamp } from './time.js';
import type { Collection } from './collection.js';
import { runsOfJob } from './runsByJob.js';
import type { Store } from './store.js';
import type { AgentBackupSession, JobRun, NasBackupSession } from './model.js';

/**
 * Runs of jobs without per-VM tasks (file share and agent jobs) as actions make them: one
 * session, listed in its own collection (`/nas/backupSessions`, `/agents/backupSessions`) and,
 * as EM does, in `/backupSessions`.
 */
export type PlainRun = NasBackupSession | AgentBackupSession;

/** The job's newest run (runs of one job never overlap, so only it can still be running). */
export const latestRun = <S extends PlainRun>(own: Collection<S>, job: { id: string }): S | undefined =>
  runsOfJob(own, job.id, Infinity).at(-1);

/**
 * A run starting now, ending as the test said (the next job run's outcome, used up here) or with
 * Success after a seeded time within `span`. `type` seeds its id, so each kind has its own ids.
 */
export function newRun(
  store: Store,
  seed: number,
  type: string,
  job: { name: string },
  now: number,
  isRetry: boolean,
  span: [minMs: number, maxMs: number],
): JobRun {
  const n = store.nextActionNumber();
  const outcome = store.outcomes.jobRun ?? {};
  store.outcomes = { ...store.outcomes, jobRun: undefined };
  return {
    id: guidFor(seed, type, n),
    name: `${job.name}@${nameStamp(now)}`,
    creationTime: now,
    endTime: now + (outcome.durationMs ?? new Rng(seed, type, n).int(...span)),
    result: outcome.result ?? 'Success',
    isRetry,
  };
}

/** Lists a new run in its own collection and in /backupSessions, with whatever else it brings, as one change. */
export function addRun<S extends PlainRun>(store: Store, own: Collection<S>, session: S, more = () => {}): S {
  return store.change(() => {
    own.add(session);
    store.backupSessions.add(session);
    more();
    return session;
  });
}

/** Ends a running session now, as a user's stop does (VBR reports a stopped session as failed). */
export function stopRun<S extends PlainRun>(
  store: Store,
  own: Collection<S>,
  running: S,
  now: number,
  more: (stopped: S) => void = () => {},
): S {
  const stopped: S = { ...running, endTime: now, result: 'Failed' };
  return store.change(() => {
    own.replace(stopped);
    if (store.backupSessions.get(stopped.id)) store.backupSessions.replace(stopped);
    more(stopped);
    return stopped;
  });
}

/** What the job actions of one kind of plain-run job do to the model. */
export interface PlainJobRuns<J extends { id: string; name: string }, S extends PlainRun> {
  latest(store: Store, job: J): S | undefined;
  start(store: Store, seed: number, job: J, now: number, isRetry: boolean): S;
  stop(store: Store, running: S, now: number): void;
  toggleSchedule(store: Store, job: J): void;
}

/** toggleScheduleEnabled: the job replaced by a copy with its schedule switched. */
export function toggleSchedule<J extends { id: string; scheduleEnabled?: boolean }>(
  store: Store,
  jobs: Collection<J>,
  job: J,
): void {
  store.change(() => jobs.replace({ ...job, scheduleEnabled: job.scheduleEnabled === false }));
}
