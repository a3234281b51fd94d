import type { AgentRestorePoint } from '../../data/model.js';
import { emDateTime, nameStamp } from '../../data/time.js';
import { el } from '../repr/tree.js';
import { entityBase, type ResourceType } from './resourceType.js';
import { entityLink, refLink, serverUp, subLink } from './links.js';
import { upTo, upToChangesAt } from '../../data/timeline.js';
import { backupPointOf } from '../../data/agentBackups.js';
import { agentBackupPointType } from './restorePoint.js';
import { agentBackupFileType } from './backupFile.js';

/** Up to the restore point and the backup file the point lives in (data/agentBackups.ts). */
const containers = (p: AgentRestorePoint) => {
  const point = backupPointOf(p);
  return [refLink('Up', agentBackupPointType, point), refLink('Up', agentBackupFileType, point.backupFile)];
};

/**
 * `/agents/agentRestorePoints`: a computer's point from an agent backup run, as the docs' 13.1
 * `GET /agents/agentRestorePoints/{ID}` sample (Name `<computer>@<time>`; CreationTimeUTC,
 * Algorithm, PointType; Up server, restore point and backup file, then Alternate).
 */
export const agentRestorePointType: ResourceType<AgentRestorePoint> = {
  uidType: 'AgentRestorePoint',
  path: 'agents/agentRestorePoints',
  refType: 'AgentRestorePointReference',
  listElement: 'AgentRestorePoints',
  collection: (store) => store.agentRestorePoints,
  name: (p) => `${p.computer.name}@${nameStamp(p.creationTime)}`,
  refLinks: (p) => [
    serverUp(p.computer.backupServer),
    ...containers(p),
    entityLink('Alternate', agentRestorePointType, p, 'AgentRestorePoint'),
  ],
  entity: (p) =>
    el(
      'AgentRestorePoint',
      ...entityBase(agentRestorePointType, p, 'AgentRestorePoint', [
        serverUp(p.computer.backupServer),
        ...containers(p),
        refLink('Alternate', agentRestorePointType, p),
        subLink('Down', agentRestorePointType, p, 'mounts', 'AgentRestorePointMountList'),
        subLink('Create', agentRestorePointType, p, 'mounts', 'AgentRestorePointMount'),
      ]),
      { elems: { CreationTimeUTC: emDateTime(p.creationTime), Algorithm: p.algorithm, PointType: p.pointType } },
    ),
  listed: (store, now) => upTo(store.agentRestorePoints, now),
  listedChangesAt: (store, now) => upToChangesAt(store.agentRestorePoints, now),
};
