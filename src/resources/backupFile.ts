import type { BackupFile } from '../../data/model.js';
import {
  agentBackupViews,
  allBackups,
  isAgentFile,
  type AgentBackupFile,
  type AnyBackupFile,
} from '../../data/agentBackups.js';
import { emDateTime } from '../../data/time.js';
import { el, type Layer } from '../repr/tree.js';
import { byKind, entityBase, type ResourceType, type Shape } from './resourceType.js';
import { heldBy, refLink, subLink } from './links.js';
import { upTo, upToChangesAt } from '../../data/timeline.js';
import { backupType } from './backup.js';
import { backupFileQueryFields } from './queryFields.js';

/** The members of a BackupFile entity, whoever wrote it. */
function fileMembers(f: AnyBackupFile): Layer {
  return {
    elems: {
      FilePath: f.filePath,
      BackupSize: f.backupSize,
      DataSize: f.dataSize,
      DeduplicationRatio: f.deduplicationRatio,
      CompressRatio: f.compressRatio,
      // Sic: this one element is spelled `Utc`.
      CreationTimeUtc: emDateTime(f.creationTime),
      FileType: f.fileType,
    },
  };
}

/** What every list of backup files shares. */
const BACKUP_FILE = {
  uidType: 'BackupFile',
  refType: 'BackupFileReference',
  listElement: 'BackupFiles',
  name: (f: AnyBackupFile) => f.name,
};

/** A file's first links: Up server and backup, Alternate. */
const inBackup = <T extends AnyBackupFile>(type: ResourceType<T>, f: T) =>
  heldBy(type, f, f.backup.backupServer, refLink('Up', backupType, f.backup), 'BackupFile');

/** The .vbk/.vib file a VM backup run writes. */
const vmBackupFileShape: Shape<BackupFile> = {
  refLinks: (f) => inBackup(backupFileType, f).ref,
  entity: (f) =>
    el(
      'BackupFile',
      ...entityBase(backupFileType, f, 'BackupFile', [
        ...inBackup(backupFileType, f).entity,
        // Veeam's own type name on this link (sic).
        subLink('Related', backupFileType, f, 'restorePoints', 'BackupFileReferenceList'),
        subLink('Down', backupFileType, f, 'vmRestorePoints', 'VmRestorePointReferenceList'),
      ]),
      fileMembers(f),
    ),
};

/** What an agent file holds: its restore point and agent restore point. */
const agentFileLinks = (f: AgentBackupFile) => [
  subLink('Related', agentBackupFileType, f, 'restorePoints', 'BackupFileReferenceList'),
  subLink('Down', agentBackupFileType, f, 'agentRestorePoints', 'AgentRestorePointReferenceList'),
];

/**
 * `/agents/backupFiles`: the file each agent restore point lives in, addressed at
 * `/backupFiles/{id}`. Links as the 13.1 sample's references (Up server, Up backup, Alternate,
 * Related restorePoints, Down agentRestorePoints); the entity has the VM file's links with the
 * agent points in place of the VM points.
 */
export const agentBackupFileType: ResourceType<AgentBackupFile> = {
  ...BACKUP_FILE,
  path: 'agents/backupFiles',
  itemPath: 'backupFiles',
  collection: (store) => agentBackupViews(store).backupFiles,
  refLinks: (f) => [...inBackup(agentBackupFileType, f).ref, ...agentFileLinks(f)],
  entity: (f) =>
    el(
      'BackupFile',
      ...entityBase(agentBackupFileType, f, 'BackupFile', [
        ...inBackup(agentBackupFileType, f).entity,
        ...agentFileLinks(f),
      ]),
      fileMembers(f),
    ),
  listed: (store, now) => upTo(agentBackupViews(store).backupFiles, now),
  listedChangesAt: (store, now) => upToChangesAt(agentBackupViews(store).backupFiles, now),
};

/** `/backupFiles`: the .vbk/.vib files of VM backup runs and of agent runs. */
export const backupFileType: ResourceType<AnyBackupFile> = {
  ...BACKUP_FILE,
  path: 'backupFiles',
  collection: (store) => allBackups(store).backupFiles,
  ...byKind<AnyBackupFile>((f) => (isAgentFile(f) ? agentBackupFileType : vmBackupFileShape) as Shape<AnyBackupFile>),
  listed: (store, now) => upTo(allBackups(store).backupFiles, now),
  listedChangesAt: (store, now) => upToChangesAt(allBackups(store).backupFiles, now),
  queryFields: backupFileQueryFields,
};
