import type { BackupFile } from '../../data/model.js';
import { emDateTime } from '../../data/time.js';
import { el } from '../repr/tree.js';
import { entityBase, type ResourceType } from './resourceType.js';
import { entityLink, refLink, serverUp, subLink } from './links.js';
import { upTo, upToChangesAt } from '../../data/timeline.js';
import { backupType } from './backup.js';
import { backupFileQueryFields } from './queryFields.js';

/** `/backupFiles`: the .vbk/.vib file each backup run writes. */
export const backupFileType: ResourceType<BackupFile> = {
  uidType: 'BackupFile',
  path: 'backupFiles',
  refType: 'BackupFileReference',
  listElement: 'BackupFiles',
  collection: (store) => store.backupFiles,
  name: (f) => f.name,
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
      {
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
      },
    ),
  listed: (store, now) => upTo(store.backupFiles, now),
  listedChangesAt: (store, now) => upToChangesAt(store.backupFiles, now),
  queryFields: backupFileQueryFields,
};
