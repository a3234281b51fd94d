import type { FastifyInstance } from 'fastify';
import { Rng } from '../../data/random.js';
import { LogonSessionStore } from '../logonSessions.js';
import { ControlError, FieldError } from './errors.js';
import { Fields } from './input.js';
import { Journal } from './journal.js';
import { FaultRules } from './faults.js';
import { readCheckedJsonFile } from './jsonFile.js';
import { buildStore, loadDatasetFile, type DatasetSource } from './dataset.js';
import { guidOf, restoreSessionsFromSpecs, summarizeRestoreSession, type RestoreSessionSummary } from './restoreSessionSpec.js';
import type { Store } from '../../data/store.js';

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

/**
 * Everything a test can do to the running mock, independent of HTTP: the /__mock routes and
 * the library (startMockServer) both call this, so both behave the same and share validation.
 * Inputs are `unknown` (JSON from a client) and are checked here.
 */
export class MockControl {
  readonly journal: Journal;
  readonly faults: FaultRules;
  /** False only while the dataset is being built. */
  ready = false;
  private source: DatasetSource;
  /** The instant reset returns the clock to. */
  private start: number;
  /** Sessions created through the control plane since the last reset (seeds their ids). */
  private injected = 0;

  constructor(private readonly app: FastifyInstance) {
    const { config } = app;
    this.start = config.clockStart;
    const doc = config.dataFile === undefined ? undefined : loadDatasetFile(config.dataFile, config.seed, config.clockStart);
    this.source = { doc, seed: config.seed, restoreSessions: config.restoreSessions };
    this.journal = new Journal(config.journalSize);
    this.faults = new FaultRules(config.seed);
    // Fault rules decide answers too: a change is a new model epoch (no store yet while constructing).
    this.faults.onChange = () => (app.store as Store | undefined)?.changed();
    if (config.faultsFile !== undefined) {
      readCheckedJsonFile(config.faultsFile, 'faults', (doc) => this.faults.add(Array.isArray(doc) ? doc : [doc]));
    }
  }

  /** The store for the current source as of the clock's reading. */
  buildStore(): Store {
    this.ready = false;
    const store = buildStore(this.source, this.app.clock.now());
    this.ready = true;
    return store;
  }

  clockState(): ClockState {
    return { now: iso(this.app.clock.now()), frozen: this.app.clock.isFrozen };
  }

  /** `{now?, advance?, frozen?}`, applied in that order. */
  setClock(body: unknown): ClockState {
    const f = Fields.of(body ?? {}, [], ['now', 'advance', 'frozen']);
    const clock = this.app.clock;
    const now = f.instant('now', clock.now());
    const advance = f.duration('advance');
    const frozen = f.boolean('frozen');
    if (now === undefined && advance === undefined && frozen === undefined) {
      throw new ControlError('Give at least one of now (an instant), advance (a duration) or frozen (true/false).');
    }
    if (now !== undefined) clock.set(now);
    if (advance !== undefined) clock.advance(advance);
    if (frozen === true) clock.freeze();
    if (frozen === false) clock.unfreeze();
    return this.clockState();
  }

  /**
   * Rebuilds the dataset (optionally with a new seed, size or start instant), returns the clock
   * to its start instant (its frozen/running mode is kept) and drops logon sessions, the
   * journal, fault rules and injected sessions.
   */
  reset(body?: unknown): ResetResult {
    const f = Fields.of(body ?? {}, [], ['seed', 'restoreSessions', 'clock']);
    const seed = f.integer('seed', 0, 2 ** 31 - 1) ?? this.source.seed;
    const size = f.integer('restoreSessions', 0, 1_000_000);
    if (size !== undefined && this.source.doc !== undefined) {
      f.fail('restoreSessions', 'the restore sessions come from the --data file; its size cannot be changed');
    }
    const start = f.instant('clock', this.app.clock.now()) ?? this.start;
    const source = { ...this.source, seed, restoreSessions: size ?? this.source.restoreSessions };
    const { app } = this;
    const previous = app.clock.now();
    app.clock.set(start);
    let store: Store;
    try {
      store = buildStore(source, start);
    } catch (err) {
      // A dataset with absolute times may not fit the new start instant: change nothing.
      app.clock.set(previous);
      if (err instanceof FieldError) throw new ControlError(`The dataset cannot be rebuilt at ${iso(start)}: ${err.message}`);
      throw err;
    }
    this.source = source;
    this.start = start;
    this.injected = 0;
    // Other modules read the seed from the config; keep it the truth.
    app.config.seed = seed;
    app.config.restoreSessions = source.restoreSessions;
    app.store = store;
    app.logons = new LogonSessionStore(app.clock, app.config);
    this.journal.clear();
    this.faults.clear(seed);
    this.ready = true;
    return { seed, restoreSessions: store.restoreSessions.size, clock: this.clockState() };
  }

  /** Creates sessions from a spec or an array of specs: all or none. */
  addRestoreSessions(specs: unknown): RestoreSessionSummary[] {
    const now = this.app.clock.now();
    const seed = this.source.seed;
    const first = this.injected;
    const sessions = restoreSessionsFromSpecs(specs, {
      store: this.app.store,
      now,
      newId: (n) => new Rng(seed, 'InjectedRestoreSession', first + n).guid(),
    });
    this.injected += sessions.length;
    this.app.store.restoreSessions.addAll(sessions);
    return sessions.map((s) => summarizeRestoreSession(s, now));
  }

  deleteRestoreSession(id: string): RestoreSessionSummary {
    const guid = guidOf(id, 'RestoreSession');
    if (guid === undefined) throw new ControlError(`${JSON.stringify(id.slice(0, 80))} is neither a GUID nor a RestoreSession UID.`);
    const removed = this.app.store.restoreSessions.remove(guid);
    if (!removed) throw new ControlError(`There is no restore session ${guid}.`);
    return summarizeRestoreSession(removed, this.app.clock.now());
  }

  logonSessions(): LogonSessionSummary[] {
    const idle = this.app.config.idleTimeoutMs;
    return this.app.logons.list().map((s) => ({
      id: s.id,
      userName: s.userName,
      token: s.token,
      createdAt: iso(s.createdAt),
      lastSeen: iso(s.lastSeen),
      expiresAt: iso(s.lastSeen + idle),
    }));
  }

  /** Makes a logon session idle-expired: its next use gets 401. */
  expireLogonSession(id: string): void {
    const guid = guidOf(id, 'LogonSession');
    if (guid === undefined || !this.app.logons.expire(guid)) throw new ControlError(`There is no live logon session ${JSON.stringify(id.slice(0, 80))}.`);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    control: MockControl;
  }
}
