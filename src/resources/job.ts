import type { Job } from '../../data/model.js';
import { emDateTime } from '../../data/time.js';
import { nextRun } from '../../data/jobs.js';
import { el } from '../repr/tree.js';
import { entityBase, type ResourceType } from './resourceType.js';
import { actionLink, entityLink, refLink, serverUp, subLink } from './links.js';

/** `/jobs`: backup, backup copy and replication jobs of every backup server. */
export const jobType: ResourceType<Job> = {
  uidType: 'Job',
  path: 'jobs',
  refType: 'JobReference',
  listElement: 'Jobs',
  collection: (store) => store.jobs,
  name: (j) => j.name,
  refLinks: (j) => [serverUp(j.backupServer), entityLink('Alternate', jobType, j, 'Job')],
  entity: (j, now) =>
    el(
      'Job',
      ...entityBase(jobType, j, 'Job', [
        serverUp(j.backupServer),
        refLink('Alternate', jobType, j),
        { ...actionLink('Edit', jobType, j, 'edit'), type: 'Job' },
        actionLink('Start', jobType, j, 'start'),
        actionLink('Stop', jobType, j, 'stop'),
        actionLink('Retry', jobType, j, 'retry'),
        actionLink('Clone', jobType, j, 'clone'),
        actionLink('ToggleScheduleEnabled', jobType, j, 'toggleScheduleEnabled'),
        subLink('Down', jobType, j, 'includes', 'ObjectInJobList'),
        subLink('Create', jobType, j, 'includes', 'ObjectInJob'),
        subLink('Down', jobType, j, 'backupSessions', 'BackupJobSessionReferenceList'),
      ]),
      {
        elems: {
          JobType: j.jobType,
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
};
