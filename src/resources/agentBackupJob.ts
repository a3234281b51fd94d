import type { AgentBackupJob } from '../../data/model.js';
import { el } from '../repr/tree.js';
import { entityBase, itemHref, type ResourceType } from './resourceType.js';
import { actionLink, fileOrAgentJobLinks, serverUp, subLink } from './links.js';
import { jobHeadFields, scheduleFields, serverFields } from './queryFields.js';
import { scheduleChangesAt, scheduleElems } from './job.js';

/**
 * `/agents/jobs`: Veeam Agent backup jobs. As EM documents them, the reference's Alternate link is
 * typed `Job` and the entity's `JobReference`; the UID type is `AgentBackupJob`.
 */
export const agentBackupJobType: ResourceType<AgentBackupJob> = {
  uidType: 'AgentBackupJob',
  path: 'agents/jobs',
  refType: 'AgentBackupJobReference',
  listElement: 'AgentBackupJobs',
  collection: (store) => store.agentBackupJobs,
  name: (j) => j.name,
  refLinks: (j) => [
    serverUp(j.backupServer),
    { rel: 'Alternate', href: itemHref(agentBackupJobType, j, true), name: j.name, type: 'Job' },
    subLink('Down', agentBackupJobType, j, 'backupSessions', 'BackupJobSessionReferenceList'),
  ],
  entity: (j, now) =>
    el(
      'AgentBackupJob',
      ...entityBase(
        agentBackupJobType,
        j,
        'AgentBackupJob',
        fileOrAgentJobLinks(agentBackupJobType, j, 'ObjectInJobList', (rel, name) =>
          actionLink(rel, agentBackupJobType, j, name),
        ),
      ),
      {
        elems: {
          JobType: 'AgentBackup',
          Platform: j.platform,
          Description: j.description,
          ...scheduleElems(j.schedule, now, j.scheduleEnabled !== false),
        },
      },
    ),
  changesAt: (j, now) => scheduleChangesAt(j.schedule, now),
  // EM's `GET /query?type=AgentBackupJob` page.
  queryFields: [
    ...jobHeadFields<AgentBackupJob>('AgentBackupJob'),
    { name: 'JobType', kind: 'enum', values: ['AgentBackup'], get: () => 'AgentBackup' },
    { name: 'Platform', kind: 'enum', values: ['AgentForLinux', 'AgentForWindows'], get: (j) => j.platform },
    // The page lists no NextRun for agent jobs.
    ...scheduleFields<AgentBackupJob>(undefined, (j) => j.scheduleEnabled !== false),
    ...serverFields<AgentBackupJob>((j) => j.backupServer),
  ],
};
