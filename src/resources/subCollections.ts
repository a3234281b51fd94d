import type { Store } from '../../data/store.js';
import { isVmSession } from '../../data/model.js';
import type { AnyResourceType, ResourceType } from './resourceType.js';
import { backupServerType } from './backupServer.js';
import { jobType } from './job.js';
import { backupJobSessionType } from './backupJobSession.js';
import { backupTaskSessionType } from './backupTaskSession.js';
import { replicaJobSessionType } from './replicaJobSession.js';
import { replicaTaskSessionType } from './replicaTaskSession.js';
import { repositoryType } from './repository.js';
import { backupType } from './backup.js';
import { restorePointType } from './restorePoint.js';
import { backupFileType } from './backupFile.js';
import { vmRestorePointType } from './vmRestorePoint.js';
import { nasJobType } from './nasJob.js';
import { nasBackupSessionType } from './nasBackupSession.js';
import { agentBackupJobType } from './agentBackupJob.js';
import { agentBackupSessionType } from './agentBackupSession.js';
import { protectionGroupType } from './protectionGroup.js';
import { agentRestorePointType } from './agentRestorePoint.js';
import { discoveredComputerType } from './discoveredComputer.js';
import { upTo } from '../../data/timeline.js';
import { runsOfJob } from '../../data/runsByJob.js';
import { agentBackupViews, allBackups, isAgentFile, isAgentPoint } from '../../data/agentBackups.js';

/**
 * `/api/<parent>/{id}/<sub>`: the objects of one type that belong to a parent. A sub-collection
 * without a child type names something the mock does not simulate; it answers an empty list so
 * that every Down link EM shows still resolves.
 */
export interface SubCollection {
  parent: AnyResourceType;
  sub: string;
  child?: AnyResourceType;
  items?(parent: { id: string }, store: Store, now: number): readonly { id: string }[];
}

function of<P extends { id: string }, C extends { id: string }>(
  parent: ResourceType<P>,
  sub: string,
  child: ResourceType<C>,
  items: (parent: P, store: Store, now: number) => readonly C[],
): SubCollection {
  return { parent, sub, child, items } as unknown as SubCollection;
}

const unsimulated = <P extends { id: string }>(parent: ResourceType<P>, ...subs: string[]): SubCollection[] =>
  subs.map((sub) => ({ parent: parent as unknown as AnyResourceType, sub }));
/** Members of a parent's own (small) array that exist at the clock's time. */
const visible = <T extends { creationTime: number }>(items: readonly T[], now: number) =>
  items.filter((i) => i.creationTime <= now);

export const subCollections: SubCollection[] = [
  of(backupServerType, 'jobs', jobType, (s, store) => store.jobs.all().filter((j) => j.backupServer === s)),
  of(backupServerType, 'repositories', repositoryType, (s, store) =>
    store.repositories.all().filter((r) => r.backupServer === s),
  ),
  of(jobType, 'backupSessions', backupJobSessionType, (j, store, now) => runsOfJob(store.backupSessions, j.id, now)),
  of(jobType, 'replicaSessions', replicaJobSessionType, (j, store, now) => runsOfJob(store.replicaSessions, j.id, now)),
  // File share and agent sessions list no task sessions (their per-object tasks are not simulated).
  of(backupJobSessionType, 'taskSessions', backupTaskSessionType, (s, _store, now) =>
    isVmSession(s) ? visible(s.tasks, now) : [],
  ),
  of(replicaJobSessionType, 'replicaTaskSessions', replicaTaskSessionType, (s, _store, now) => visible(s.tasks, now)),
  of(repositoryType, 'backups', backupType, (r, store) =>
    allBackups(store)
      .backups.all()
      .filter((b) => b.repository.id === r.id),
  ),
  // Agent backups: a ParentBackup holds ChildBackups, which hold the points and files.
  of(backupType, 'childbackups', backupType, (b, store) =>
    agentBackupViews(store)
      .backups.all()
      .filter((c) => c.parent?.id === b.id),
  ),
  of(backupType, 'restorePoints', restorePointType, (b, store, now) =>
    upTo(allBackups(store).restorePoints, now).filter((p) => p.backup.id === b.id),
  ),
  of(backupType, 'backupFiles', backupFileType, (b, store, now) =>
    upTo(allBackups(store).backupFiles, now).filter((f) => f.backup.id === b.id),
  ),
  of(restorePointType, 'vmRestorePoints', vmRestorePointType, (p, _store, now) =>
    isAgentPoint(p) ? [] : visible(p.vmRestorePoints, now),
  ),
  of(restorePointType, 'agentRestorePoints', agentRestorePointType, (p, _store, now) =>
    isAgentPoint(p) ? visible([p.agentPoint], now) : [],
  ),
  of(restorePointType, 'backupFiles', backupFileType, (p) => [p.backupFile]),
  of(backupFileType, 'restorePoints', restorePointType, (f) => [f.restorePoint]),
  of(backupFileType, 'vmRestorePoints', vmRestorePointType, (f, _store, now) =>
    isAgentFile(f) ? [] : visible(f.restorePoint.vmRestorePoints, now),
  ),
  of(backupFileType, 'agentRestorePoints', agentRestorePointType, (f, _store, now) =>
    isAgentFile(f) ? visible([f.restorePoint.agentPoint], now) : [],
  ),
  of(nasJobType, 'backupSessions', nasBackupSessionType, (j, store, now) =>
    runsOfJob(store.nasBackupSessions, j.id, now),
  ),
  of(agentBackupJobType, 'backupSessions', agentBackupSessionType, (j, store, now) =>
    runsOfJob(store.agentBackupSessions, j.id, now),
  ),
  ...unsimulated(backupServerType, 'externalRepositories', 'credentials', 'passwords', 'managedServers'),
  ...unsimulated(repositoryType, 'replicas'),
  ...unsimulated(restorePointType, 'vAppRestorePoints'),
  of(protectionGroupType, 'discoveredComputers', discoveredComputerType, (g) => g.computers),
  ...unsimulated(agentBackupJobType, 'includes'),
  ...unsimulated(agentRestorePointType, 'mounts'),
];
