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
import { heldBy, refLink, subLink } from './links.js';
import { upTo, upToChangesAt } from '../../data/timeline.js';
import { backupType } from './backup.js';
import { serverFields, uidField } from './queryFields.js';

const backupDate = (p: AnyRestorePoint) => ({ elems: { BackupDateUTC: emDateTime(p.creationTime) } });

/** What every list of restore points shares; a point is named by its time in SQL Server's style. */
const RESTORE_POINT = {
  uidType: 'RestorePoint',
  refType: 'RestorePointReference',
  listElement: 'RestorePoints',
  name: (p: AnyRestorePoint) => sqlStamp(p.creationTime),
};

/** A point's first links: Up server and backup, Alternate. */
const inBackup = <T extends AnyRestorePoint>(type: ResourceType<T>, p: T) =>
  heldBy(type, p, p.backup.backupServer, refLink('Up', backupType, p.backup), 'RestorePoint');

/** A VM backup run's point. */
const vmRestorePointShape: Shape<RestorePoint> = {
  refLinks: (p) => [
    ...inBackup(restorePointType, p).ref,
    subLink('Down', restorePointType, p, 'vmRestorePoints', 'VmRestorePointReferenceList'),
  ],
  entity: (p) =>
    el(
      'RestorePoint',
      ...entityBase(restorePointType, p, 'RestorePoint', [
        ...inBackup(restorePointType, p).entity,
        subLink('Down', restorePointType, p, 'vmRestorePoints', 'VmRestorePointReferenceList'),
        subLink('Down', restorePointType, p, 'vAppRestorePoints', 'VAppRestorePointReferenceList'),
        // Veeam's own type name on this link (sic).
        subLink('Related', restorePointType, p, 'backupFiles', 'RestorePointReferenceList'),
      ]),
      backupDate(p),
    ),
};

/** What an agent point holds: its agent restore point; and its file. */
const agentPointLinks = (p: AgentBackupPoint) => [
  subLink('Down', agentBackupPointType, p, 'agentRestorePoints', 'AgentRestorePointReferenceList'),
  subLink('Related', agentBackupPointType, p, 'backupFiles', 'RestorePointReferenceList'),
];

/**
 * `/agents/restorePoints`: a computer's point in its ChildBackup, one per agent restore point,
 * addressed at `/restorePoints/{id}`. Reference links as the 13.1 sample: Up server, Up backup,
 * Alternate, Down agentRestorePoints, Related backupFiles (typed `RestorePointReferenceList`,
 * sic). No entity sample: the VM entity's links with the agent points in place of the VM and
 * vApp points.
 */
export const agentBackupPointType: ResourceType<AgentBackupPoint> = {
  ...RESTORE_POINT,
  path: 'agents/restorePoints',
  itemPath: 'restorePoints',
  collection: (store) => agentBackupViews(store).restorePoints,
  refLinks: (p) => [...inBackup(agentBackupPointType, p).ref, ...agentPointLinks(p)],
  entity: (p) =>
    el(
      'RestorePoint',
      ...entityBase(agentBackupPointType, p, 'RestorePoint', [
        ...inBackup(agentBackupPointType, p).entity,
        ...agentPointLinks(p),
      ]),
      backupDate(p),
    ),
  listed: (store, now) => upTo(agentBackupViews(store).restorePoints, now),
  listedChangesAt: (store, now) => upToChangesAt(agentBackupViews(store).restorePoints, now),
};

/** `/restorePoints`: one per VM backup run, and one per computer of each agent run; named by time in SQL Server's style. */
export const restorePointType: ResourceType<AnyRestorePoint> = {
  ...RESTORE_POINT,
  path: 'restorePoints',
  collection: (store) => allBackups(store).restorePoints,
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
