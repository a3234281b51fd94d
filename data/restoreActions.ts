import { Rng, guidFor } from './random.js';
import { MINUTE } from './time.js';
import type { Store } from './store.js';
import type { RestoreJobType, RestoreSession, VmRestorePoint } from './model.js';
import { restoreSessionName } from './history.js';

/**
 * A restore started through the API: a new session from `point`, created now, ending as the
 * test said (store.outcomes.restore, used once) or with Success after 5–15 minutes (or after
 * `durationMs` when the caller decides how long it runs).
 */
export function startRestore(
  store: Store,
  seed: number,
  point: VmRestorePoint,
  jobType: RestoreJobType,
  now: number,
  durationMs?: number,
): RestoreSession {
  const n = store.nextActionNumber();
  const outcome = store.outcomes.restore ?? {};
  const session: RestoreSession = {
    id: guidFor(seed, 'ActionRestoreSession', n),
    name: restoreSessionName(jobType, point.vm.name, now),
    jobType,
    vmRestorePoint: point,
    creationTime: now,
    endTime:
      now + (durationMs ?? outcome.durationMs ?? new Rng(seed, 'ActionRestoreSession', n).int(5 * MINUTE, 15 * MINUTE)),
    result: outcome.result ?? 'Success',
  };
  store.outcomes = { ...store.outcomes, restore: undefined };
  return store.change(() => {
    store.restoreSessions.add(session);
    return session;
  });
}
