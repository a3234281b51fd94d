import { Collection } from './collection.js';
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
