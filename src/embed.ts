import type { FastifyInstance } from 'fastify';
import { ConfigError, NUMERIC_RANGES, defaultConfig, type Config } from './config.js';
import { INSTANT_RANGE, inInstantRange } from './clock.js';
import { listen } from './server.js';
import type { Clock } from './clock.js';
import type { ResetResult } from './control/mockControl.js';
import type { FaultRule, FaultRuleSpec } from './control/faults.js';
import type { JournalEntry, JournalFilter } from './control/journal.js';
import type { RestoreSessionSpec, RestoreSessionSummary } from './control/restoreSessionSpec.js';
import type { OutcomesSpec, OutcomesState } from './control/outcomesSpec.js';

export interface StartOptions extends Partial<Omit<Config, 'clockStart'>> {
  /** Where the simulated clock starts: an instant (ms, Date or ISO string). Default: now. */
  clockStart?: number | Date | string;
  /** Start with the clock frozen (it moves only when the test moves it). */
  frozen?: boolean;
}

export interface ResetOptions {
  seed?: number;
  restoreSessions?: number;
  /** A new start instant (ISO string, `now` or an offset like `-1d`). */
  clock?: string;
}

/** A running mock for one test. Every method does what the matching /__mock endpoint does. */
export interface MockServer {
  /** `http://127.0.0.1:<port>/api/` */
  url: string;
  port: number;
  /**
   * The bearer token the control plane requires: the given `controlToken`, one made at start-up
   * when `host` is not loopback, else empty (open).
   */
  controlToken: string;
  /** The simulated clock: now(), set(ms), advance(ms), freeze(), unfreeze(). */
  clock: Clock;
  /** The Fastify instance, for `inject()` or anything not covered here. */
  app: FastifyInstance;
  reset(options?: ResetOptions): ResetResult;
  addRestoreSession(spec?: RestoreSessionSpec): RestoreSessionSummary;
  faults: {
    add(rule: FaultRuleSpec): FaultRule;
    list(): FaultRule[];
    clear(): void;
  };
  requests: {
    list(filter?: JournalFilter): JournalEntry[];
    clear(): void;
  };
  /** How the next action-started job run and restore end, and how long tasks take. */
  outcomes: {
    set(spec: OutcomesSpec): OutcomesState;
    get(): OutcomesState;
  };
  close(): Promise<void>;
}

function instant(v: number | Date | string): number {
  const ms = v instanceof Date ? v.getTime() : typeof v === 'string' ? Date.parse(v) : v;
  if (!Number.isFinite(ms)) throw new TypeError(`clockStart ${String(v)} is not an instant`);
  if (!inInstantRange(ms)) throw new ConfigError(`clockStart: must be ${INSTANT_RANGE}, got ${String(v)}`);
  return ms;
}

/** The numeric options in the same ranges the CLI accepts, checked before anything starts. */
function checkNumbers(options: Partial<Config>): void {
  for (const [key, [min, max]] of Object.entries(NUMERIC_RANGES)) {
    const v = options[key as keyof typeof NUMERIC_RANGES];
    if (v === undefined) continue;
    if (!Number.isInteger(v) || v < min || v > max) {
      throw new ConfigError(`${key}: must be an integer between ${min} and ${max}, got ${String(v)}`);
    }
  }
}

/**
 * Starts a mock on its own port (a free one unless `port` is given), loopback only by default.
 * Invalid inputs to its methods throw ControlError with the same message the HTTP API gives.
 */
export async function startMockServer(options: StartOptions = {}): Promise<MockServer> {
  const { clockStart, frozen, ...rest } = options;
  checkNumbers(rest);
  const config = defaultConfig({
    port: 0,
    ...rest,
    ...(clockStart === undefined ? {} : { clockStart: instant(clockStart) }),
  });
  const { app, url, port } = await listen({ config });
  const control = app.control;
  if (frozen) {
    // Building and listening took real time: stand still exactly at the start instant.
    app.clock.freeze();
    app.clock.set(config.clockStart);
  }
  return {
    url,
    port,
    controlToken: config.controlToken,
    clock: app.clock,
    app,
    reset: (opts) => control.reset(opts),
    addRestoreSession: (spec) => control.addRestoreSessions(spec ?? {})[0]!,
    faults: {
      add: (rule) => control.faults.add(rule)[0]!,
      list: () => control.faults.list(),
      clear: () => control.faults.clear(),
    },
    outcomes: {
      set: (spec) => control.setOutcomes(spec),
      get: () => control.outcomes(),
    },
    requests: {
      list: (filter) => control.journal.list(filter),
      clear: () => control.journal.clear(),
    },
    close: () => app.close(),
  };
}
