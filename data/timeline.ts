import type { SessionResult } from './model.js';
import type { Collection } from './collection.js';

/**
 * What an object looks like at time `now`. The store holds facts (when a session starts, ends,
 * and how it ends); everything that moves with the clock is derived here, in one place, for the
 * representations, the control plane and the reports alike.
 */

/** A run (restore, job or task session) as facts: it runs until its end time, then is finished. */
type Timed = { creationTime: number; endTime: number; result: SessionResult };

export interface RestoreSessionView {
  state: 'Working' | 'Stopped';
  result: 'None' | SessionResult;
  progress: number;
  endTime: number | undefined;
}

/** What a session looks like at `now`: running until its end time, then finished. */
export function restoreSessionView(s: Timed, now: number): RestoreSessionView {
  if (now >= s.endTime) return { state: 'Stopped', result: s.result, progress: 100, endTime: s.endTime };
  const done = Math.floor(((now - s.creationTime) / (s.endTime - s.creationTime)) * 100);
  return { state: 'Working', result: 'None', progress: Math.min(99, Math.max(1, done)), endTime: undefined };
}

/**
 * The next instant the view of a running session changes: its progress percentage's next step
 * (taken a millisecond early against floating-point rounding in the view), or its end.
 */
export function restoreSessionChangesAt(s: Timed, now: number): number {
  if (now >= s.endTime) return Infinity;
  const span = s.endTime - s.creationTime;
  const done = Math.floor(((now - s.creationTime) / span) * 100);
  const nextStep = s.creationTime + Math.floor(((done + 1) * span) / 100) - 1;
  return Math.min(s.endTime, Math.max(now + 1, nextStep));
}

/** A run's view (progress, state, end) changes as a restore session's does. */
export const runChangesAt = restoreSessionChangesAt;

type Ends = Pick<Timed, 'endTime' | 'result'>;

// Each of these reads one property without building a whole view: the query service calls them per item.
export const sessionState = (s: Ends, now: number): 'Working' | 'Stopped' => (now >= s.endTime ? 'Stopped' : 'Working');
export const sessionResult = (s: Ends, now: number): 'None' | SessionResult => (now >= s.endTime ? s.result : 'None');
export const sessionEndTime = (s: Ends, now: number): number | undefined => (now >= s.endTime ? s.endTime : undefined);

/** What exists at `now`: objects of a time-ordered collection created up to then. */
export function upTo<T extends { id: string }>(collection: Collection<T>, now: number): readonly T[] {
  return collection.all().slice(0, collection.upperBound(now));
}

/** When `upTo` next lists more: the next object's creation. */
export function upToChangesAt<T extends { id: string }>(collection: Collection<T>, now: number): number {
  return collection.nextTimeAfter(now);
}
