import { uid, type RestorePoint } from '../../data/model.js';
import {
  agentBackupViews,
  allBackups,
  isAgentPoint,
  type AgentBackupPoint,
  type AnyRestorePoint,
} from '../../data/agentBackups.js';
import { emDateTime, sqlStamp } from '../../data/time.js';
import { el } from '../repr/tree.js';
import { byKind, entityBase, type ResourceType, type Shape } from './resourceType.js';
import { entityLink, refLink, serverUp, subLink } from './links.js';
import { upTo, upToChangesAt } from '../../data/timeline.js';
import { agentBackupType, backupType } from './backup.js';
import { serverFields, uidField } from './queryFields.js';

const backupDate = (p: AnyRestorePoint) => ({ elems: { BackupDateUTC: emDateTime(p.creationTime) } });

/** A VM backup run's point. */
const vmRestorePointShape: Shape<RestorePoint> = {
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
      backupDate(p),
    ),
};

/**
 * `/agents/restorePoints`: a computer's point in its ChildBackup, one per agent restore point,
 * addressed at `/restorePoints/{id}`. Reference links as the 13.1 sample: Up server, Up backup,
 * Alternate, Down agentRestorePoints, Related backupFiles (typed `RestorePointReferenceList`,
 * sic). No entity sample: the VM entity's links with the agent points in place of the VM and
 * vApp points.
 */
export const agentBackupPointType: ResourceType<AgentBackupPoint> = {
  uidType: 'RestorePoint',
  path: 'agents/restorePoints',
  itemPath: 'restorePoints',
  refType: 'RestorePointReference',
  listElement: 'RestorePoints',
  collection: (store) => agentBackupViews(store).restorePoints,
  name: (p) => sqlStamp(p.creationTime),
  refLinks: (p) => [
    serverUp(p.backup.backupServer),
    refLink('Up', agentBackupType, p.backup),
    entityLink('Alternate', agentBackupPointType, p, 'RestorePoint'),
    subLink('Down', agentBackupPointType, p, 'agentRestorePoints', 'AgentRestorePointReferenceList'),
    subLink('Related', agentBackupPointType, p, 'backupFiles', 'RestorePointReferenceList'),
  ],
  entity: (p) =>
    el(
      'RestorePoint',
      ...entityBase(agentBackupPointType, p, 'RestorePoint', [
        refLink('Up', agentBackupType, p.backup),
        serverUp(p.backup.backupServer),
        refLink('Alternate', agentBackupPointType, p),
        subLink('Down', agentBackupPointType, p, 'agentRestorePoints', 'AgentRestorePointReferenceList'),
        subLink('Related', agentBackupPointType, p, 'backupFiles', 'RestorePointReferenceList'),
      ]),
      backupDate(p),
    ),
  listed: (store, now) => upTo(agentBackupViews(store).restorePoints, now),
  listedChangesAt: (store, now) => upToChangesAt(agentBackupViews(store).restorePoints, now),
};

/** `/restorePoints`: one per VM backup run, and one per computer of each agent run; named by time in SQL Server's style. */
export const restorePointType: ResourceType<AnyRestorePoint> = {
  uidType: 'RestorePoint',
  path: 'restorePoints',
  refType: 'RestorePointReference',
  listElement: 'RestorePoints',
  collection: (store) => allBackups(store).restorePoints,
  name: (p) => sqlStamp(p.creationTime),
  ...byKind<AnyRestorePoint>(
    (p) => (isAgentPoint(p) ? agentBackupPointType : vmRestorePointShape) as Shape<AnyRestorePoint>,
  ),
  listed: (store, now) => upTo(allBackups(store).restorePoints, now),
  listedChangesAt: (store, now) => upToChangesAt(allBackups(store).restorePoints, now),
  // EM's `GET /query?type=RestorePoint` page.
  queryFields: [
    uidField('RestorePoint'),
    { name: 'Name', kind: 'string', get: (p) => sqlStamp(p.creationTime) },
    { name: 'CreationTime', kind: 'date', timeKey: true, get: (p) => p.creationTime },
    { name: 'BackupUid', kind: 'uid', get: (p) => uid('Backup', p.backup.id) },
    { name: 'BackupName', kind: 'string', get: (p) => p.backup.name },
    ...serverFields<AnyRestorePoint>((p) => p.backup.backupServer),
  ],
};
