import { Collection } from './collection.js';
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

const created = (x: { creationTime: number }) => x.creationTime;

/** The whole in-memory environment. Knows nothing of HTTP. */
export class Store {
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
   * Bumped by every change an action makes, the one point a response cache can watch. Actions
   * change the model only through `change`, never by editing a shared object in place.
   */
  epoch = 0;

  /** Applies one whole change (all checks done before): the model moves, then the epoch. */
  change<R>(apply: () => R): R {
    const result = apply();
    this.epoch++;
    return result;
  }

  /** The next action-made object's number (its ids derive from it). */
  nextActionNumber(): number {
    return ++this.actionCount;
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
      fields[key] = value instanceof Collection ? value.copy() : Array.isArray(value) ? [...value] : value;
    }
    return copy;
  }
}
