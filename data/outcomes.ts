import type { SessionResult } from './model.js';

/** How one action-started run (job session or restore session) ends. */
export interface RunOutcome {
  result?: SessionResult;
  /** Length of the whole run, ms. */
  durationMs?: number;
  /** Why it warned or failed (task session Reason). */
  message?: string;
}

/**
 * What a test has said about the next runs: the next job run and the next restore each take
 * their outcome once; the task duration holds until changed or reset.
 */
export interface ActionOutcomes {
  jobRun?: RunOutcome;
  restore?: RunOutcome;
  taskMs?: number;
}

/** An EM task takes this long to finish unless a test says otherwise. */
export const DEFAULT_TASK_MS = 2000;
