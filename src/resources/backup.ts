import { uid, type Backup } from '../../data/model.js';
import { el } from '../repr/tree.js';
import { entityBase, type ResourceType } from './resourceType.js';
import { entityLink, refLink, serverUp, subLink } from './links.js';
import { repositoryType } from './repository.js';
import { jobFields, uidField } from './queryFields.js';

/**
 * `/backups`: the backup (chain of files) each backup and backup copy job writes. Entity links as
 * the docs' `GET /backups/{ID}` table lists them: Up repository, Up server, Alternate, Down
 * restorePoints, Down backupFiles.
 */
export const backupType: ResourceType<Backup> = {
  uidType: 'Backup',
  path: 'backups',
  refType: 'BackupReference',
  listElement: 'Backups',
  collection: (store) => store.backups,
  name: (b) => b.name,
  refLinks: (b) => [
    serverUp(b.backupServer),
    refLink('Up', repositoryType, b.repository),
    entityLink('Alternate', backupType, b, 'Backup'),
  ],
  entity: (b) =>
    el(
      'Backup',
      ...entityBase(backupType, b, 'Backup', [
        refLink('Up', repositoryType, b.repository),
        serverUp(b.backupServer),
        refLink('Alternate', backupType, b),
        subLink('Down', backupType, b, 'restorePoints', 'RestorePointReferenceList'),
        subLink('Down', backupType, b, 'backupFiles', 'BackupFileReferenceList'),
      ]),
      // Every simulated backup is a Standard one (VM jobs; agent backups are not simulated).
      { elems: { Platform: b.platform, BackupType: 'Standard' } },
    ),
  // EM's `GET /query?type=Backup` page; Platform and BackupType values in its listing order
  // (every simulated backup is a Standard VM backup).
  queryFields: [
    uidField('Backup'),
    { name: 'Name', kind: 'string', get: (b) => b.name },
    ...jobFields<Backup>((b) => b.job),
    { name: 'RepositoryUid', kind: 'uid', get: (b) => uid('Repository', b.repository.id) },
    { name: 'RepositoryName', kind: 'string', get: (b) => b.repository.name },
    {
      name: 'Platform',
      kind: 'enum',
      values: ['VMware', 'HyperV', 'vCloud', 'AgentForLinux', 'AgentForWindows', 'CustomPlatform'],
      get: (b) => b.platform,
    },
    { name: 'BackupType', kind: 'enum', values: ['Standard', 'ParentBackup', 'ChildBackup'], get: () => 'Standard' },
  ],
};
