/** Library entry: embed the mock in tests. */
export { buildApp, type BuildOptions } from './app.js';
export { listen, type RunningServer } from './server.js';
export { defaultConfig, parseConfig, type Config, type User } from './config.js';
export { Clock } from './clock.js';
export { startMockServer, type MockServer, type StartOptions, type ResetOptions } from './embed.js';
export { ControlError, FieldError } from './control/errors.js';
export type { FaultRule, FaultRuleSpec, FaultAction } from './control/faults.js';
export type { JournalEntry, JournalFilter } from './control/journal.js';
export type { RestoreSessionSpec, RestoreSessionSummary } from './control/restoreSessionSpec.js';
export type { ResetResult, ClockState } from './control/mockControl.js';
export type { OutcomesSpec, OutcomesState, RunOutcomeSpec } from './control/outcomesSpec.js';
export { DEFAULT_HTTP_LIMITS, type HttpLimits } from './httpGuard.js';
