import type { SessionResult } from '../../data/model.js';
import type { ActionOutcomes, RunOutcome } from '../../data/outcomes.js';
import { DEFAULT_TASK_MS } from '../../data/outcomes.js';
import { Fields } from './input.js';

/** How a test describes one run's end: `{result?, duration?, message?}`. */
export interface RunOutcomeSpec {
  result?: SessionResult;
  /** `90s`, `5m`, or milliseconds. */
  duration?: string | number;
  message?: string;
}

/**
 * `PUT /__mock/outcomes`: how the next job run and the next restore end (each used once), and
 * how long tasks take (kept until changed or reset).
 */
export interface OutcomesSpec {
  jobRun?: RunOutcomeSpec | null;
  restore?: RunOutcomeSpec | null;
  taskDuration?: string | number;
}

const RESULTS: readonly SessionResult[] = ['Success', 'Warning', 'Failed'];
const MAX_RUN_MS = 7 * 86_400_000;

function runOutcome(f: Fields, k: 'jobRun' | 'restore'): RunOutcome | undefined {
  const r = f.object(k, ['result', 'duration', 'message']);
  if (!r) return undefined;
  const result = r.oneOf('result', RESULTS);
  const durationMs = r.duration('duration', MAX_RUN_MS);
  const message = r.string('message', 1024);
  return {
    ...(result === undefined ? {} : { result }),
    ...(durationMs === undefined ? {} : { durationMs }),
    ...(message === undefined ? {} : { message }),
  };
}

/** The outcomes after applying `body` to `current`; a member given as null clears it. All checked first. */
export function applyOutcomes(current: ActionOutcomes, body: unknown): ActionOutcomes {
  const f = Fields.of(body ?? {}, [], ['jobRun', 'restore', 'taskDuration']);
  const value = (body ?? {}) as Record<string, unknown>;
  const next: ActionOutcomes = { ...current };
  for (const k of ['jobRun', 'restore'] as const) {
    if (value[k] === null) next[k] = undefined;
    else if (f.has(k)) next[k] = runOutcome(f, k);
  }
  const taskMs = f.duration('taskDuration', MAX_RUN_MS);
  if (taskMs !== undefined) next.taskMs = taskMs;
  return next;
}

/** What GET /__mock/outcomes shows: every member, defaults filled in. */
export interface OutcomesState {
  jobRun: RunOutcome | null;
  restore: RunOutcome | null;
  taskDurationMs: number;
}

export function describeOutcomes(o: ActionOutcomes): OutcomesState {
  return { jobRun: o.jobRun ?? null, restore: o.restore ?? null, taskDurationMs: o.taskMs ?? DEFAULT_TASK_MS };
}
