import { Collection } from './collection.js';
import type { BackupServer, HierarchyRoot, RestoreSession, Vm, VmRestorePoint } from './model.js';

/** The whole in-memory environment. Knows nothing of HTTP. */
export class Store {
  readonly backupServers = new Collection<BackupServer>();
  readonly hierarchyRoots = new Collection<HierarchyRoot>();
  readonly vms: Vm[] = [];
  readonly vmRestorePoints = new Collection<VmRestorePoint>((p) => p.creationTime);
  readonly restoreSessions = new Collection<RestoreSession>((s) => s.creationTime);
}
