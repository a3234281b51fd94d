import type { LogonSession } from '../logonSessions.js';
import { el, links, type El, type LinkSpec } from '../repr/tree.js';
import { href } from '../repr/href.js';

/**
 * The links of an administrator's v1_7 logon session, in EM's order. A link is shown only when
 * the mock serves its target, so every Href a client follows resolves.
 */
const SESSION_LINKS: { type: string; path: string; name?: string }[] = [
  { type: 'BackupServerReferenceList', path: 'backupServers' },
  { type: 'ManagedServerReferenceList', path: 'managedServers' },
  { type: 'JobReferenceList', path: 'jobs' },
  { type: 'FailoverPlanReferenceList', path: 'failoverPlans' },
  { type: 'HierarchyRootReferenceList', path: 'hierarchyRoots' },
  { type: 'RepositoryReferenceList', path: 'repositories' },
  { type: 'BackupReferenceList', path: 'backups' },
  { type: 'RestorePointReferenceList', path: 'restorePoints' },
  { type: 'VmRestorePointReferenceList', path: 'vmRestorePoints' },
  { type: 'VAppRestorePointReferenceList', path: 'vAppRestorePoints' },
  { type: 'ReplicaReferenceList', path: 'replicas' },
  { type: 'VmReplicaPointReferenceList', path: 'vmReplicaPoints' },
  { type: 'CatalogVmReferenceList', path: 'catalog/vms' },
  { type: 'BackupJobSessionReferenceList', path: 'backupSessions' },
  { type: 'RestoreSessionReferenceList', path: 'restoreSessions' },
  { type: 'ReplicaJobSessionReferenceList', path: 'replicaSessions' },
  { type: 'BackupTaskSessionReferenceList', path: 'backupTaskSessions' },
  { type: 'ReplicaTaskSessionReferenceList', path: 'replicaTaskSessions' },
  { type: 'EnterpriseSecuritySettings', path: 'security' },
  { type: 'WanAcceleratorReferenceList', path: 'wanAccelerators' },
  { type: 'BackupFileReferenceList', path: 'backupFiles' },
  { type: 'ExternalRepositoryReferenceList', path: 'externalRepositories' },
  { type: 'TaskList', path: 'tasks' },
  { type: 'QueryService', path: 'querySvc' },
  { type: 'LookupService', path: 'lookupSvc' },
  { type: 'Report', path: 'reports/summary', name: 'Summary' },
  { type: 'BackupServerList', path: 'backupServers?format=Entity' },
  { type: 'ManagedServerList', path: 'managedServers?format=Entity' },
  { type: 'JobList', path: 'jobs?format=Entity' },
  { type: 'FailoverPlanList', path: 'failoverPlans?format=Entity' },
  { type: 'HierarchyRootList', path: 'hierarchyRoots?format=Entity' },
  { type: 'RepositoryList', path: 'repositories?format=Entity' },
  { type: 'BackupList', path: 'backups?format=Entity' },
  { type: 'RestorePointList', path: 'restorePoints?format=Entity' },
  { type: 'VmRestorePointList', path: 'vmRestorePoints?format=Entity' },
  { type: 'VAppRestorePointList', path: 'vAppRestorePoints?format=Entity' },
  { type: 'ReplicaList', path: 'replicas?format=Entity' },
  { type: 'VmReplicaPointList', path: 'vmReplicaPoints?format=Entity' },
  { type: 'CatalogVmList', path: 'catalog/vms?format=Entity' },
  { type: 'BackupJobSessionList', path: 'backupSessions?format=Entity' },
  { type: 'RestoreSessionList', path: 'restoreSessions?format=Entity' },
  { type: 'ReplicaJobSessionList', path: 'replicaSessions?format=Entity' },
  { type: 'BackupTaskSessionList', path: 'backupTaskSessions?format=Entity' },
  { type: 'ReplicaTaskSessionList', path: 'replicaTaskSessions?format=Entity' },
  { type: 'WanAcceleratorList', path: 'wanAccelerators?format=Entity' },
  { type: 'VCloudService', path: 'vCloud' },
  { type: 'BackupFileList', path: 'backupFiles?format=Entity' },
  { type: 'AgentsService', path: 'agents' },
  { type: 'VSphereSelfService', path: 'selfService/vSphere' },
  { type: 'ExternalRepositoryList', path: 'externalRepositories?format=Entity' },
  { type: 'NasService', path: 'nas' },
];

/** `serves(path)` tells whether `GET /api/<path>` (query ignored) is a route here. */
export function logonSessionLinks(session: LogonSession, serves: (path: string) => boolean): LinkSpec[] {
  const self = href(`logonSessions/${session.id}`);
  const down: LinkSpec[] = SESSION_LINKS.filter((l) => serves(l.path.split('?')[0]!)).map((l) => ({
    rel: 'Down',
    href: href(l.path),
    type: l.type,
    name: l.name,
  }));
  return [{ rel: 'Up', href: href(''), type: 'EnterpriseManager' }, ...down, { rel: 'Delete', href: self }];
}

/** `LogonSessionType`: ResourceType (Links; Href, Type) + UserName, SessionId. */
export function logonSessionRepresentation(session: LogonSession, serves: (path: string) => boolean): El {
  return el(
    'LogonSession',
    {
      elems: { Links: links(logonSessionLinks(session, serves)) },
      attrs: { Href: href(`logonSessions/${session.id}`), Type: 'LogonSession' },
    },
    { elems: { UserName: session.userName, SessionId: session.id } },
  );
}
