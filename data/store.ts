import { Collection } from './collection.js';
import type { Deferred, Steps } from './steps.js';
import type { Task } from './tasks.js';
import type { ActionOutcomes } from './outcomes.js';
import type { Mount } from './mounts.js';
import type {
  AgentBackupJob,
  AgentBackupSession,
  AgentProtectionGroup,
  AgentRestorePoint,
  AnyBackupSession,
  Backup,
  BackupFile,
  BackupServer,
  DiscoveredComputer,
  FileServer,
  HierarchyRoot,
  Job,
  JobSession,
  NasBackupSession,
  NasJob,
  Repository,
  RestorePoint,
  RestoreSession,
  TaskSession,
  Vm,
  VmRestorePoint,
} from './model.js';

/** The time key of everything that happens (sessions, points, files): its creation. */
export const created = (x: { creationTime: number }) => x.creationTime;

/** Shared by every store, so an epoch never repeats across resets and copies. */
let lastEpoch = 0;

/**
 * The whole in-memory environment. Knows nothing of HTTP.
 *
 * THE SINGLE MODEL-CHANGE POINT: `epoch` changes whenever anything a response is built from
 * changes, and cached answers (src/repr/responseCache.ts) are only reused within one epoch.
 * Adding or removing through a Collection bumps it by itself; a clock move and a fault-rule change
 * are wired to `changed()` in src/app.ts and src/control/mockControl.ts. Any other mutation (an
 * action that starts a session, edits a job, …) MUST call `store.changed()` once it is done, or
 * clients will be served stale bytes.
 */
export class Store {
  private changes = ++lastEpoch;

  /** Identifies the model's current state: equal epochs, same store contents. */
  get epoch(): number {
    return this.changes;
  }

  /** Records that the model changed (see the class comment). */
  changed(): void {
    this.changes = ++lastEpoch;
  }

  readonly backupServers = new Collection<BackupServer>();
  readonly hierarchyRoots = new Collection<HierarchyRoot>();
  readonly vms: Vm[] = [];
  readonly repositories = new Collection<Repository>();
  readonly jobs = new Collection<Job>();
  readonly backups = new Collection<Backup>();
  /** Every backup job session EM lists under /backupSessions: VM, file share and agent jobs'. */
  readonly backupSessions = new Collection<AnyBackupSession>(created);
  readonly backupTaskSessions = new Collection<TaskSession>(created);
  readonly replicaSessions = new Collection<JobSession>(created);
  readonly replicaTaskSessions = new Collection<TaskSession>(created);
  readonly restorePoints = new Collection<RestorePoint>(created);
  readonly backupFiles = new Collection<BackupFile>(created);
  readonly vmRestorePoints = new Collection<VmRestorePoint>(created);
  readonly restoreSessions = new Collection<RestoreSession>(created);
  readonly discoveredComputers = new Collection<DiscoveredComputer>();
  readonly protectionGroups = new Collection<AgentProtectionGroup>();
  readonly agentBackupJobs = new Collection<AgentBackupJob>();
  readonly nasJobs = new Collection<NasJob>();
  readonly fileServers = new Collection<FileServer>();
  /** The file share and agent sessions again, on their own, for /nas and /agents. */
  readonly nasBackupSessions = new Collection<NasBackupSession>(created);
  readonly agentBackupSessions = new Collection<AgentBackupSession>(created);
  readonly agentRestorePoints = new Collection<AgentRestorePoint>(created);
  /** Tasks started by actions, oldest first; `task-<n>` is the n-th. */
  readonly tasks: Task[] = [];
  /** File-level restore mounts, numbered from 1. */
  readonly mounts: Mount[] = [];
  /** Objects made by actions so far: seeds their ids, so the same actions give the same ids. */
  actionCount = 0;
  /** How the next action-started runs end (set by tests through the control plane). */
  outcomes: ActionOutcomes = {};
  /**
   * Applies one whole change an action makes (all checks done before): the model moves, then the
   * epoch (`changed()`). Actions change the model only through here, never by editing a shared
   * object in place.
   */
  change<R>(apply: () => R): R {
    const result = apply();
    this.changed();
    return result;
  }

  /** The next action-made object's number (its ids derive from it). */
  nextActionNumber(): number {
    return ++this.actionCount;
  }

  /** Work that fills deferred collections (the generated history) on first use; shared with copies. */
  #deferred: Deferred<unknown>[] = [];

  constructor() {
    this.watchCollections();
  }

  /** Registers the work behind collections this store `defer`s. */
  defer(work: Deferred<unknown>): void {
    this.#deferred.push(work);
  }

  /** Whether some of it is still to be built. */
  get deferred(): boolean {
    return this.#deferred.some((work) => !work.done);
  }

  /** Builds whatever is still deferred, in steps (nothing when it is all built). */
  *complete(): Steps<void> {
    for (const work of this.#deferred) yield* work.finish();
  }

  private watchCollections(): void {
    for (const value of Object.values(this)) if (value instanceof Collection) value.onChange = () => this.changed();
  }

  /**
   * A store over the same objects with collections of its own: what a client can change (restore
   * sessions added or removed through the control plane) stays private to the copy, and a reset
   * to an already built dataset costs copying references instead of generating 30 000 objects.
   */
  copy(): Store {
    const copy = new Store();
    const fields = copy as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(this)) {
      if (key === 'changes') continue;
      fields[key] = value instanceof Collection ? value.copy() : Array.isArray(value) ? value.slice() : value;
    }
    copy.#deferred = this.#deferred.slice();
    copy.watchCollections();
    return copy;
  }
}
