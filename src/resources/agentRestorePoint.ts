import type { AgentRestorePoint } from '../../data/model.js';
import { emDateTime, nameStamp } from '../../data/time.js';
import { el } from '../repr/tree.js';
import { entityBase, type ResourceType } from './resourceType.js';
import { entityLink, refLink, serverUp, subLink } from './links.js';
import { upTo, upToChangesAt } from '../../data/timeline.js';

/**
 * `/agents/agentRestorePoints`: a computer's point from an agent backup run, as the docs' `GET
 * /agents/agentRestorePoints/{ID}` sample (Name `<computer>@<time>`; CreationTimeUTC, Algorithm,
 * PointType). The sample's Up links to the run's restore point and backup file are left out:
 * agent backups and their files are not simulated, and every link the mock writes resolves.
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
    entityLink('Alternate', agentRestorePointType, p, 'AgentRestorePoint'),
  ],
  entity: (p) =>
    el(
      'AgentRestorePoint',
      ...entityBase(agentRestorePointType, p, 'AgentRestorePoint', [
        serverUp(p.computer.backupServer),
        refLink('Alternate', agentRestorePointType, p),
        subLink('Down', agentRestorePointType, p, 'mounts', 'AgentRestorePointMountList'),
        subLink('Create', agentRestorePointType, p, 'mounts', 'AgentRestorePointMount'),
      ]),
      { elems: { CreationTimeUTC: emDateTime(p.creationTime), Algorithm: p.algorithm, PointType: p.pointType } },
    ),
  listed: (store, now) => upTo(store.agentRestorePoints, now),
  listedChangesAt: (store, now) => upToChangesAt(store.agentRestorePoints, now),
};
