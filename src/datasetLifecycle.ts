import type { Config } from './config.js';
import type { Clock } from './clock.js';
import { LogonSessionStore } from './logonSessions.js';
import type { Store } from '../data/store.js';
import { estateSteps } from '../data/generate.js';
import { runNow, type Steps } from '../data/steps.js';
import { datasetStore, loadDatasetFile } from './control/dataset.js';
import { estateOf, sameEstate, type EstateSize } from '../data/estate.js';

/** Where the dataset comes from: a checked `--data` document, or the generator. */
export interface DatasetSource {
  /** A checked dataset document, or undefined to generate. */
  doc: unknown;
  seed: number;
  restoreSessions: number;
  estate: EstateSize;
}

/** What a rebuild may change; the rest is kept. */
export interface RebuildOptions {
  seed?: number;
  restoreSessions?: number;
  /** The instant the new dataset is built as of (and the clock is set to). */
  start?: number;
}

function sameSource(a: DatasetSource, b: DatasetSource): boolean {
  return (
    a.doc === b.doc && a.seed === b.seed && a.restoreSessions === b.restoreSessions && sameEstate(a.estate, b.estate)
  );
}

/**
 * The dataset one app serves, from build to reset: its source, the store and the logon sessions
 * over it, and a pristine copy of the last store built so that a reset to the same source and
 * instant only copies references. Each app has its own; nothing is shared across apps.
 */
export class Dataset {
  store: Store;
  logons: LogonSessionStore;
  /** False only while a store is being built. */
  ready = false;
  private source: DatasetSource;
  private pristine: { source: DatasetSource; now: number; store: Store } | undefined;

  constructor(
    private readonly config: Pick<
      Config,
      | 'dataFile'
      | 'seed'
      | 'restoreSessions'
      | 'idleTimeoutMs'
      | 'clockStart'
      | 'maxLogonSessions'
      | 'reproducibleTokens'
      | 'estate'
      | 'backupServers'
      | 'rootsPerPlatform'
      | 'vmsPerRoot'
      | 'historyDays'
    >,
    private readonly clock: Clock,
  ) {
    // As of the start instant (not the running clock): a reset to it then finds the pristine copy.
    const now = config.clockStart;
    const doc = config.dataFile === undefined ? undefined : loadDatasetFile(config.dataFile, config.seed, now);
    this.source = { doc, seed: config.seed, restoreSessions: config.restoreSessions, estate: estateOf(config) };
    // The generated history is deferred to its first use (or the background, once listening).
    this.store = runNow(this.build(this.source, now));
    this.logons = new LogonSessionStore(clock, config);
    this.ready = true;
  }

  get seed(): number {
    return this.source.seed;
  }

  /** True when the restore sessions come from a `--data` file (their number is fixed). */
  get fromFile(): boolean {
    return this.source.doc !== undefined;
  }

  /**
   * Builds the dataset anew with the given changes, then (only if that worked) swaps it in, drops
   * every logon session and sets the clock to the new start. A build that throws changes nothing.
   * In steps: until the swap, requests that run between them see the dataset as it was.
   */
  *rebuild(opts: RebuildOptions): Steps<Store> {
    const source: DatasetSource = {
      ...this.source,
      seed: opts.seed ?? this.source.seed,
      restoreSessions: opts.restoreSessions ?? this.source.restoreSessions,
    };
    const start = opts.start ?? this.clock.now();
    this.ready = false;
    try {
      const store = yield* this.build(source, start);
      // Built in steps here, rather than by the first request after the swap in one go.
      yield* store.complete();
      this.store = store;
    } finally {
      this.ready = true;
    }
    this.source = source;
    this.clock.set(start);
    // Other modules read the seed and size from the config; keep it the truth.
    this.config.seed = source.seed;
    this.config.restoreSessions = source.restoreSessions;
    this.logons = new LogonSessionStore(this.clock, this.config);
    return this.store;
  }

  private *build(source: DatasetSource, now: number): Steps<Store> {
    const p = this.pristine;
    if (p === undefined || p.now !== now || !sameSource(p.source, source)) {
      const store =
        source.doc === undefined
          ? yield* estateSteps({
              seed: source.seed,
              now,
              restoreSessions: source.restoreSessions,
              estate: source.estate,
            })
          : datasetStore(source.doc, source.seed, now);
      this.pristine = { source, now, store };
    }
    return this.pristine!.store.copy();
  }
}
