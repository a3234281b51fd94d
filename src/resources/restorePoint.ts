import { uid, type RestorePoint } from '../../data/model.js';
import { emDateTime, sqlStamp } from '../../data/time.js';
import { el } from '../repr/tree.js';
import { entityBase, type ResourceType } from './resourceType.js';
import { entityLink, refLink, serverUp, subLink } from './links.js';
import { upTo, upToChangesAt } from '../../data/timeline.js';
import { backupType } from './backup.js';
import { serverFields, uidField } from './queryFields.js';

/** `/restorePoints`: one per backup run, named by its time in SQL Server's style. */
export const restorePointType: ResourceType<RestorePoint> = {
  uidType: 'RestorePoint',
  path: 'restorePoints',
  refType: 'RestorePointReference',
  listElement: 'RestorePoints',
  collection: (store) => store.restorePoints,
  name: (p) => sqlStamp(p.creationTime),
  refLinks: (p) => [
    serverUp(p.backup.backupServer),
    refLink('Up', backupType, p.backup),
    entityLink('Alternate', restorePointType, p, 'RestorePoint'),
    subLink('Down', restorePointType, p, 'vmRestorePoints', 'VmRestorePointReferenceList'),
  ],
  entity: (p) =>
    el(
      'RestorePoint',
      ...entityBase(restorePointType, p, 'RestorePoint', [
        refLink('Up', backupType, p.backup),
        serverUp(p.backup.backupServer),
        refLink('Alternate', restorePointType, p),
        subLink('Down', restorePointType, p, 'vmRestorePoints', 'VmRestorePointReferenceList'),
        subLink('Down', restorePointType, p, 'vAppRestorePoints', 'VAppRestorePointReferenceList'),
        // Veeam's own type name on this link (sic).
        subLink('Related', restorePointType, p, 'backupFiles', 'RestorePointReferenceList'),
      ]),
      { elems: { BackupDateUTC: emDateTime(p.creationTime) } },
    ),
  listed: (store, now) => upTo(store.restorePoints, now),
  listedChangesAt: (store, now) => upToChangesAt(store.restorePoints, now),
  // EM's `GET /query?type=RestorePoint` page.
  queryFields: [
    uidField('RestorePoint'),
    { name: 'Name', kind: 'string', get: (p) => sqlStamp(p.creationTime) },
    { name: 'CreationTime', kind: 'date', timeKey: true, get: (p) => p.creationTime },
    { name: 'BackupUid', kind: 'uid', get: (p) => uid('Backup', p.backup.id) },
    { name: 'BackupName', kind: 'string', get: (p) => p.backup.name },
    ...serverFields<RestorePoint>((p) => p.backup.backupServer),
  ],
};
