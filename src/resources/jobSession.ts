import type { JobRun } from '../../data/model.js';
import { uid } from '../../data/model.js';
import { emDateTime } from '../../data/time.js';
import type { Collection } from '../../data/collection.js';
import type { Layer } from '../repr/tree.js';
import { restoreSessionChangesAt, restoreSessionView } from './restoreSession.js';

/**
 * `JobSessionEntityType`'s own members, shared by backup, replica and NAS job sessions:
 * JobUid, JobName, JobType, CreationTimeUTC, EndTimeUTC (absent while running), State, Result,
 * Progress, FailureMessage (never set by the mock: `null` in JSON, as a live EM 12 writes it).
 * The derived types add IsRetry after them.
 */
export function jobSessionLayers(run: JobRun, job: { id: string; name: string }, jobType: string, now: number): Layer[] {
  const v = restoreSessionView(run, now);
  return [
    {
      elems: {
        JobUid: uid('Job', job.id),
        JobName: job.name,
        JobType: jobType,
        CreationTimeUTC: emDateTime(run.creationTime),
        EndTimeUTC: v.endTime === undefined ? undefined : emDateTime(v.endTime),
        State: v.state,
        Result: v.result,
        Progress: v.progress,
        FailureMessage: null,
      },
    },
    { elems: { IsRetry: run.isRetry } },
  ];
}

/** A session or task no longer changes once it has ended. */
export const ended = (run: { endTime: number }, now: number) => now >= run.endTime;

/** What exists at `now`: objects of a time-ordered collection created up to then. */
export function upTo<T extends { id: string }>(collection: Collection<T>, now: number): readonly T[] {
  return collection.all().slice(0, collection.upperBound(now));
}

/** When `upTo` next lists more: the next object's creation. */
export function upToChangesAt<T extends { id: string }>(collection: Collection<T>, now: number): number {
  return collection.nextTimeAfter(now);
}

/** A run's view (progress, state, end) changes as a restore session's does. */
export const runChangesAt = restoreSessionChangesAt;

