import type { AgentBackupJob } from '../../data/model.js';
import { emDateTime } from '../../data/time.js';
import { nextRun } from '../../data/jobs.js';
import { el } from '../repr/tree.js';
import { entityBase, itemHref, type ResourceType } from './resourceType.js';
import { actionLink, serverUp, subLink } from './links.js';
import { scheduleFields, serverFields, uidField } from './queryFields.js';

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
      ...entityBase(agentBackupJobType, j, 'AgentBackupJob', [
        serverUp(j.backupServer),
        { rel: 'Alternate', href: itemHref(agentBackupJobType, j), name: j.name, type: 'JobReference' },
        subLink('Down', agentBackupJobType, j, 'includes', 'ObjectInJobList'),
        actionLink('ToggleScheduleEnabled', agentBackupJobType, j, 'toggleScheduleEnabled'),
        subLink('Down', agentBackupJobType, j, 'backupSessions', 'BackupJobSessionReferenceList'),
        actionLink('Start', agentBackupJobType, j, 'start'),
        actionLink('Stop', agentBackupJobType, j, 'stop'),
        actionLink('Retry', agentBackupJobType, j, 'retry'),
      ]),
      {
        elems: {
          JobType: 'AgentBackup',
          Platform: j.platform,
          Description: j.description,
          ScheduleConfigured: true,
          ScheduleEnabled: true,
          NextRun: emDateTime(nextRun(j.schedule, now)),
        },
      },
    ),
  // NextRun moves with the clock.
  isFinal: () => false,
  // EM's `GET /query?type=AgentBackupJob` page.
  queryFields: [
    uidField('AgentBackupJob'),
    { name: 'Name', kind: 'string', get: (j) => j.name },
    { name: 'Description', kind: 'string', get: (j) => j.description },
    { name: 'JobType', kind: 'enum', values: ['AgentBackup'], get: () => 'AgentBackup' },
    { name: 'Platform', kind: 'enum', values: ['AgentForLinux', 'AgentForWindows'], get: (j) => j.platform },
    // The page lists no NextRun for agent jobs.
    ...scheduleFields<AgentBackupJob>(),
    ...serverFields<AgentBackupJob>((j) => j.backupServer),
  ],
};
