import { uid, type Backup } from '../../data/model.js';
import {
  agentBackupViews,
  allBackups,
  isAgentBackup,
  type AgentBackup,
  type AnyBackup,
} from '../../data/agentBackups.js';
import { el, type LinkSpec } from '../repr/tree.js';
import { href } from '../repr/href.js';
import { byKind, entityBase, type ResourceType, type Shape } from './resourceType.js';
import { heldBy, refLink, subLink } from './links.js';
import { repositoryType } from './repository.js';
import { jobFields, uidField } from './queryFields.js';

/** What every list of backups shares. */
const BACKUP = {
  uidType: 'Backup',
  refType: 'BackupReference',
  listElement: 'Backups',
  name: (b: AnyBackup) => b.name,
};

/** A backup's first links: Up server and repository, Alternate. */
const inRepository = <T extends AnyBackup>(type: ResourceType<T>, b: T) =>
  heldBy(type, b, b.backupServer, refLink('Up', repositoryType, b.repository), 'Backup');

/**
 * A VM job's backup. Entity links as the docs' `GET /backups/{ID}` table lists them: Up
 * repository, Up server, Alternate, Down restorePoints, Down backupFiles.
 */
const vmBackupShape: Shape<Backup> = {
  refLinks: (b) => inRepository(backupType, b).ref,
  entity: (b) =>
    el(
      'Backup',
      ...entityBase(backupType, b, 'Backup', [
        ...inRepository(backupType, b).entity,
        subLink('Down', backupType, b, 'restorePoints', 'RestorePointReferenceList'),
        subLink('Down', backupType, b, 'backupFiles', 'BackupFileReferenceList'),
      ]),
      { elems: { Platform: b.platform, BackupType: 'Standard' } },
    ),
};

/** `BackupType`: Standard for VM backups; an agent job's backup and its computers' backups in it. */
const backupKind = (b: AnyBackup) => (!isAgentBackup(b) ? 'Standard' : b.parent ? 'ChildBackup' : 'ParentBackup');

/**
 * A ChildBackup's link to its ParentBackup: EM names it `Parent Backup` whatever the parent's name
 * (13.1 `/agents/backups` and `query?type=Backup` samples), typed as a reference in a reference
 * and as the entity in an entity.
 */
function parentUp(b: AgentBackup, entity: boolean): LinkSpec {
  return {
    rel: 'Up',
    href: href(`backups/${b.parent!.id}${entity ? '?format=Entity' : ''}`),
    name: 'Parent Backup',
    type: entity ? 'Backup' : 'BackupReference',
  };
}

/**
 * `/agents/backups`: what Veeam Agent jobs wrote, as the 13.1 samples show it (items addressed at
 * `/backups/{id}`). A ParentBackup links Up (sic) to its child backups in its reference and Down in
 * its entity; a ChildBackup links to its restore points (and files, in the entity) and Up to its parent.
 */
export const agentBackupType: ResourceType<AgentBackup> = {
  ...BACKUP,
  path: 'agents/backups',
  itemPath: 'backups',
  collection: (store) => agentBackupViews(store).backups,
  refLinks: (b) => [
    ...inRepository(agentBackupType, b).ref,
    ...(b.parent
      ? [subLink('Down', agentBackupType, b, 'restorePoints', 'RestorePointReferenceList'), parentUp(b, false)]
      : [subLink('Up', agentBackupType, b, 'childbackups', 'BackupReferenceList')]),
  ],
  entity: (b) =>
    el(
      'Backup',
      ...entityBase(agentBackupType, b, 'Backup', [
        ...inRepository(agentBackupType, b).entity,
        ...(b.parent
          ? [
              subLink('Down', agentBackupType, b, 'restorePoints', 'RestorePointReferenceList'),
              subLink('Down', agentBackupType, b, 'backupFiles', 'BackupFileReferenceList'),
              parentUp(b, true),
            ]
          : [subLink('Down', agentBackupType, b, 'childbackups?format=Entity', 'BackupList')]),
      ]),
      { elems: { Platform: b.platform, BackupType: backupKind(b) } },
    ),
};

/** `/backups`: the backups of VM jobs, then those of agent jobs ("also displayed in /backups", docs). */
export const backupType: ResourceType<AnyBackup> = {
  ...BACKUP,
  path: 'backups',
  collection: (store) => allBackups(store).backups,
  ...byKind<AnyBackup>((b) => (isAgentBackup(b) ? agentBackupType : vmBackupShape) as Shape<AnyBackup>),
  // EM's `GET /query?type=Backup` page; Platform and BackupType values in its listing order.
  queryFields: [
    uidField('Backup'),
    { name: 'Name', kind: 'string', get: (b) => b.name },
    ...jobFields<AnyBackup>((b) => b.job),
    { name: 'RepositoryUid', kind: 'uid', get: (b) => uid('Repository', b.repository.id) },
    { name: 'RepositoryName', kind: 'string', get: (b) => b.repository.name },
    {
      name: 'Platform',
      kind: 'enum',
      values: ['VMware', 'HyperV', 'vCloud', 'AgentForLinux', 'AgentForWindows', 'CustomPlatform'],
      get: (b) => b.platform,
    },
    { name: 'BackupType', kind: 'enum', values: ['Standard', 'ParentBackup', 'ChildBackup'], get: backupKind },
  ],
};
