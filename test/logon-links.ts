import { BASE } from './helper.js';

/**
 * The links of an administrator's logon session, literally, in EM's order, for the collections
 * the mock serves: [Rel, Type, path below /api/, Name]. One table for every test that checks a
 * LogonSession body, so serving a new collection means one edit here.
 */
export const SESSION_LINKS: [string, string | null, string, string | null][] = [
  ['Up', 'EnterpriseManager', '', null],
  ['Down', 'BackupServerReferenceList', 'backupServers', null],
  ['Down', 'JobReferenceList', 'jobs', null],
  ['Down', 'HierarchyRootReferenceList', 'hierarchyRoots', null],
  ['Down', 'RepositoryReferenceList', 'repositories', null],
  ['Down', 'BackupReferenceList', 'backups', null],
  ['Down', 'RestorePointReferenceList', 'restorePoints', null],
  ['Down', 'VmRestorePointReferenceList', 'vmRestorePoints', null],
  ['Down', 'BackupJobSessionReferenceList', 'backupSessions', null],
  ['Down', 'RestoreSessionReferenceList', 'restoreSessions', null],
  ['Down', 'ReplicaJobSessionReferenceList', 'replicaSessions', null],
  ['Down', 'BackupTaskSessionReferenceList', 'backupTaskSessions', null],
  ['Down', 'ReplicaTaskSessionReferenceList', 'replicaTaskSessions', null],
  ['Down', 'BackupFileReferenceList', 'backupFiles', null],
  ['Down', 'TaskList', 'tasks', null],
  ['Down', 'QueryService', 'querySvc', null],
  ['Down', 'LookupService', 'lookupSvc', null],
  ['Down', 'Report', 'reports/summary', 'Summary'],
  ['Down', 'BackupServerList', 'backupServers?format=Entity', null],
  ['Down', 'JobList', 'jobs?format=Entity', null],
  ['Down', 'HierarchyRootList', 'hierarchyRoots?format=Entity', null],
  ['Down', 'RepositoryList', 'repositories?format=Entity', null],
  ['Down', 'BackupList', 'backups?format=Entity', null],
  ['Down', 'RestorePointList', 'restorePoints?format=Entity', null],
  ['Down', 'VmRestorePointList', 'vmRestorePoints?format=Entity', null],
  ['Down', 'BackupJobSessionList', 'backupSessions?format=Entity', null],
  ['Down', 'RestoreSessionList', 'restoreSessions?format=Entity', null],
  ['Down', 'ReplicaJobSessionList', 'replicaSessions?format=Entity', null],
  ['Down', 'BackupTaskSessionList', 'backupTaskSessions?format=Entity', null],
  ['Down', 'ReplicaTaskSessionList', 'replicaTaskSessions?format=Entity', null],
  ['Down', 'BackupFileList', 'backupFiles?format=Entity', null],
  ['Down', 'AgentsService', 'agents', null],
  ['Down', 'NasService', 'nas', null],
];

/** The LogonSession element for one session, as XML (without declaration) or JSON. */
export function logonSessionBody(id: string, user: string, fmt: 'xml' | 'json', root = true): string {
  const links: [string, string | null, string, string | null][] = [
    ...SESSION_LINKS,
    ['Delete', null, `logonSessions/${id}`, null],
  ];
  const self = `${BASE}/api/logonSessions/${id}`;
  if (fmt === 'json') {
    const json = links.map(
      ([rel, type, path, name]) =>
        `{"Rel":"${rel}","Href":"${BASE}/api/${path}","Name":${name ? `"${name}"` : 'null'},"Type":${type ? `"${type}"` : 'null'}}`,
    );
    return `{"UserName":"${user}","SessionId":"${id}","Links":[${json.join(',')}],"Href":"${self}","Type":"LogonSession"}`;
  }
  const xml = links.map(
    ([rel, type, path, name]) =>
      `<Link Href="${BASE}/api/${path}"${name ? ` Name="${name}"` : ''}${type ? ` Type="${type}"` : ''} Rel="${rel}" />`,
  );
  const ns = root
    ? [
        'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ',
        ' xmlns="http://www.veeam.com/ent/v1.0"',
      ]
    : ['', ''];
  return `<LogonSession ${ns[0]}Href="${self}" Type="LogonSession"${ns[1]}><Links>${xml.join('')}</Links><UserName>${user}</UserName><SessionId>${id}</SessionId></LogonSession>`;
}
