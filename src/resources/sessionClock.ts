import type { RestoreSession, SessionResult } from '../../data/model.js';

type Timed = Pick<RestoreSession, 'endTime' | 'result'>;

/**
 * A session (restore, job or task) runs until its end time, then is finished. Each of these reads
 * one property without building a whole view: the query service calls them per item. A leaf
 * module, so the resource types can use them while their modules are still being evaluated.
 */
export const sessionState = (s: Timed, now: number): 'Working' | 'Stopped' => (now >= s.endTime ? 'Stopped' : 'Working');
export const sessionResult = (s: Timed, now: number): 'None' | SessionResult => (now >= s.endTime ? s.result : 'None');
export const sessionEndTime = (s: Timed, now: number): number | undefined => (now >= s.endTime ? s.endTime : undefined);
