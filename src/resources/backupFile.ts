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
import { entityLink, refLink, serverUp, subLink } from './links.js';
import { upTo, upToChangesAt } from '../../data/timeline.js';
import { agentBackupType, backupType } from './backup.js';
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

/** The .vbk/.vib file a VM backup run writes. */
const vmBackupFileShape: Shape<BackupFile> = {
  refLinks: (f) => [
    serverUp(f.backup.backupServer),
    refLink('Up', backupType, f.backup),
    entityLink('Alternate', backupFileType, f, 'BackupFile'),
  ],
  entity: (f) =>
    el(
      'BackupFile',
      ...entityBase(backupFileType, f, 'BackupFile', [
        refLink('Up', backupType, f.backup),
        serverUp(f.backup.backupServer),
        refLink('Alternate', backupFileType, f),
        // Veeam's own type name on this link (sic).
        subLink('Related', backupFileType, f, 'restorePoints', 'BackupFileReferenceList'),
        subLink('Down', backupFileType, f, 'vmRestorePoints', 'VmRestorePointReferenceList'),
      ]),
      fileMembers(f),
    ),
};

/**
 * `/agents/backupFiles`: the file each agent restore point lives in, addressed at
 * `/backupFiles/{id}`. Links as the 13.1 sample's references (Up server, Up backup, Alternate,
 * Related restorePoints, Down agentRestorePoints); the entity has the VM file's links with the
 * agent points in place of the VM points.
 */
export const agentBackupFileType: ResourceType<AgentBackupFile> = {
  uidType: 'BackupFile',
  path: 'agents/backupFiles',
  itemPath: 'backupFiles',
  refType: 'BackupFileReference',
  listElement: 'BackupFiles',
  collection: (store) => agentBackupViews(store).backupFiles,
  name: (f) => f.name,
  refLinks: (f) => [
    serverUp(f.backup.backupServer),
    refLink('Up', agentBackupType, f.backup),
    entityLink('Alternate', agentBackupFileType, f, 'BackupFile'),
    subLink('Related', agentBackupFileType, f, 'restorePoints', 'BackupFileReferenceList'),
    subLink('Down', agentBackupFileType, f, 'agentRestorePoints', 'AgentRestorePointReferenceList'),
  ],
  entity: (f) =>
    el(
      'BackupFile',
      ...entityBase(agentBackupFileType, f, 'BackupFile', [
        refLink('Up', agentBackupType, f.backup),
        serverUp(f.backup.backupServer),
        refLink('Alternate', agentBackupFileType, f),
        subLink('Related', agentBackupFileType, f, 'restorePoints', 'BackupFileReferenceList'),
        subLink('Down', agentBackupFileType, f, 'agentRestorePoints', 'AgentRestorePointReferenceList'),
      ]),
      fileMembers(f),
    ),
  listed: (store, now) => upTo(agentBackupViews(store).backupFiles, now),
  listedChangesAt: (store, now) => upToChangesAt(agentBackupViews(store).backupFiles, now),
};

/** `/backupFiles`: the .vbk/.vib files of VM backup runs and of agent runs. */
export const backupFileType: ResourceType<AnyBackupFile> = {
  uidType: 'BackupFile',
  path: 'backupFiles',
  refType: 'BackupFileReference',
  listElement: 'BackupFiles',
  collection: (store) => allBackups(store).backupFiles,
  name: (f) => f.name,
  ...byKind<AnyBackupFile>((f) => (isAgentFile(f) ? agentBackupFileType : vmBackupFileShape) as Shape<AnyBackupFile>),
  listed: (store, now) => upTo(allBackups(store).backupFiles, now),
  listedChangesAt: (store, now) => upToChangesAt(allBackups(store).backupFiles, now),
  queryFields: backupFileQueryFields,
};
