import { Rng } from '../../data/random.js';
import { runNow, runYielding, type Steps } from '../../data/steps.js';
import { ControlError, FieldError } from './errors.js';
import { Fields } from './input.js';
import { Journal, REDACTED } from './journal.js';
import { FaultRules } from './faults.js';
import { readCheckedJsonFile } from './jsonFile.js';
import {
  guidOf,
  restoreSessionsFromSpecs,
  summarizeRestoreSession,
  type RestoreSessionSummary,
} from './restoreSessionSpec.js';
import type { Config } from '../config.js';
import type { Clock } from '../clock.js';
import type { Dataset } from '../datasetLifecycle.js';
import { applyOutcomes, describeOutcomes, type OutcomesState } from './outcomesSpec.js';

export interface ClockState {
  now: string;
  frozen: boolean;
}

export interface LogonSessionSummary {
  id: string;
  userName: string;
  token: string;
  createdAt: string;
  lastSeen: string;
  /** When idle expiry ends it unless it is used before. */
  expiresAt: string;
}

export interface ResetResult {
  seed: number;
  restoreSessions: number;
  clock: ClockState;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** What the control plane acts on, handed to it explicitly (it never reaches into the app). */
export interface ControlParts {
  config: Pick<Config, 'seed' | 'clockStart' | 'journalSize' | 'showSecrets' | 'faultsFile' | 'idleTimeoutMs'>;
  clock: Clock;
  dataset: Dataset;
}

/**
 * Everything a test can do to the running mock, independent of HTTP: the /__mock routes and
 * the library (startMockServer) both call this, so both behave the same and share validation.
 * Inputs are `unknown` (JSON from a client) and are checked here, completely, before anything
 * changes.
 */
export class MockControl {
  readonly journal: Journal;
  readonly faults: FaultRules;
  private readonly config: ControlParts['config'];
  private readonly clock: Clock;
  private readonly dataset: Dataset;
  /** The instant reset returns the clock to. */
  private start: number;
  /** Sessions created through the control plane since the last reset (seeds their ids). */
  private injected = 0;
  /** The reset under way, if any: the next one starts after it. */
  private resetting: Promise<unknown> = Promise.resolve();

  constructor(parts: ControlParts) {
    ({ config: this.config, clock: this.clock, dataset: this.dataset } = parts);
    this.start = this.config.clockStart;
    this.journal = new Journal(this.config.journalSize, this.config.showSecrets);
    this.faults = new FaultRules(this.config.seed);
    // Fault rules decide answers too: a change is a new model epoch.
    this.faults.onChange = () => this.dataset.store.changed();
    if (this.config.faultsFile !== undefined) {
      readCheckedJsonFile(this.config.faultsFile, 'faults', (doc) => this.faults.add(Array.isArray(doc) ? doc : [doc]));
    }
  }

  /** False only while the dataset is being built. */
  get ready(): boolean {
    return this.dataset.ready;
  }

  clockState(): ClockState {
    return { now: iso(this.clock.now()), frozen: this.clock.isFrozen };
  }

  /** `{now?, advance?, frozen?}`, applied in that order. */
  setClock(body: unknown): ClockState {
    const f = Fields.of(body ?? {}, [], ['now', 'advance', 'frozen']);
    const clock = this.clock;
    const now = f.instant('now', clock.now());
    const advance = f.duration('advance');
    const frozen = f.boolean('frozen');
    if (now === undefined && advance === undefined && frozen === undefined) {
      throw new ControlError('Give at least one of now (an instant), advance (a duration) or frozen (true/false).');
    }
    const at = advance === undefined ? now : (now ?? clock.now()) + advance;
    // Checked as a whole before the clock moves: an advance past the range leaves the clock alone.
    if (advance !== undefined) f.inRange('advance', at!);
    // Freeze before moving and unfreeze after: a running clock read between two steps (a loaded
    // machine may pause there) would leave it a few ms off the instant asked for.
    if (frozen === true) clock.freeze();
    if (at !== undefined) clock.set(at);
    if (frozen === false) clock.unfreeze();
    return this.clockState();
  }

  /**
   * Rebuilds the dataset (optionally with a new seed, size or start instant), returns the clock
   * to its start instant (its frozen/running mode is kept) and drops logon sessions, the
   * journal, fault rules and injected sessions.
   */
  reset(body?: unknown): ResetResult {
    return runNow(this.resetSteps(body));
  }

  /**
   * `reset` for a request: generating a new estate pauses between jobs so other requests are
   * answered meanwhile (they see the old dataset until the swap). Resets run one after another.
   */
  resetYielding(body?: unknown): Promise<ResetResult> {
    const run = this.resetting.then(() => runYielding(this.resetSteps(body)));
    this.resetting = run.catch(() => undefined);
    return run;
  }

  private *resetSteps(body?: unknown): Steps<ResetResult> {
    const f = Fields.of(body ?? {}, [], ['seed', 'restoreSessions', 'clock']);
    const seed = f.integer('seed', 0, 2 ** 31 - 1);
    const size = f.integer('restoreSessions', 0, 1_000_000);
    if (size !== undefined && this.dataset.fromFile) {
      f.fail('restoreSessions', 'the restore sessions come from the --data file; its size cannot be changed');
    }
    const start = f.instant('clock', this.clock.now()) ?? this.start;
    let store;
    try {
      store = yield* this.dataset.rebuild({
        ...(seed === undefined ? {} : { seed }),
        ...(size === undefined ? {} : { restoreSessions: size }),
        start,
      });
    } catch (err) {
      // A dataset with absolute times may not fit the new start instant: nothing was changed.
      if (err instanceof FieldError)
        throw new ControlError(`The dataset cannot be rebuilt at ${iso(start)}: ${err.message}`);
      throw err;
    }
    this.start = start;
    this.injected = 0;
    this.journal.clear();
    this.faults.clear(this.dataset.seed);
    return { seed: this.dataset.seed, restoreSessions: store.restoreSessions.size, clock: this.clockState() };
  }

  /** Creates sessions from a spec or an array of specs: all or none. */
  addRestoreSessions(specs: unknown): RestoreSessionSummary[] {
    const now = this.clock.now();
    const seed = this.dataset.seed;
    const first = this.injected;
    const sessions = restoreSessionsFromSpecs(specs, {
      store: this.dataset.store,
      now,
      newId: (n) => new Rng(seed, 'InjectedRestoreSession', first + n).guid(),
    });
    this.injected += sessions.length;
    this.dataset.store.restoreSessions.addAll(sessions);
    return sessions.map((s) => summarizeRestoreSession(s, now));
  }

  deleteRestoreSession(id: string): RestoreSessionSummary {
    const guid = guidOf(id, 'RestoreSession');
    if (guid === undefined)
      throw new ControlError(`${JSON.stringify(id.slice(0, 80))} is neither a GUID nor a RestoreSession UID.`);
    const removed = this.dataset.store.restoreSessions.remove(guid);
    if (!removed) throw new ControlError(`There is no restore session ${guid}.`);
    return summarizeRestoreSession(removed, this.clock.now());
  }

  /** How action-started runs and tasks end (the dataset holds it, so reset forgets it). */
  outcomes(): OutcomesState {
    return describeOutcomes(this.dataset.store.outcomes);
  }

  setOutcomes(body: unknown): OutcomesState {
    this.dataset.store.outcomes = applyOutcomes(this.dataset.store.outcomes, body);
    return this.outcomes();
  }

  logonSessions(): LogonSessionSummary[] {
    const idle = this.config.idleTimeoutMs;
    return this.dataset.logons.list().map((s) => ({
      id: s.id,
      userName: s.userName,
      token: this.config.showSecrets ? s.token : REDACTED,
      createdAt: iso(s.createdAt),
      lastSeen: iso(s.lastSeen),
      expiresAt: iso(s.lastSeen + idle),
    }));
  }

  /** Makes a logon session idle-expired: its next use gets 401. */
  expireLogonSession(id: string): void {
    const guid = guidOf(id, 'LogonSession');
    if (guid === undefined || !this.dataset.logons.expire(guid))
      throw new ControlError(`There is no live logon session ${JSON.stringify(id.slice(0, 80))}.`);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    control: MockControl;
  }
}
