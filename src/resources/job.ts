import type { Job, Schedule } from '../../data/model.js';
import { emDateTime } from '../../data/time.js';
import { nextRun } from '../../data/jobs.js';
import { el } from '../repr/tree.js';
import { entityBase, type ResourceType } from './resourceType.js';
import { actionLink, entityLink, refLink, serverUp, subLink } from './links.js';
import { jobHeadFields, scheduleFields, serverFields, VM_PLATFORMS } from './queryFields.js';

/** The schedule elements every job entity ends with (every simulated job is scheduled; NextRun moves with the clock). */
export const scheduleElems = (schedule: Schedule, now: number, enabled = true) => ({
  ScheduleConfigured: true,
  ScheduleEnabled: enabled,
  NextRun: emDateTime(nextRun(schedule, now)),
});

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
          ...scheduleElems(j.schedule, now, j.scheduleEnabled !== false),
        },
      },
    ),
  // NextRun moves with the clock.
  isFinal: () => false,
  // The fields of EM's `GET /query?type=Job` page; JobType and Platform in its listing order.
  queryFields: [
    ...jobHeadFields<Job>('Job'),
    { name: 'JobType', kind: 'enum', values: ['Backup', 'BackupCopy', 'ImmediateBackupCopy', 'Replica'], get: (j) => j.jobType },
    { name: 'Platform', kind: 'enum', values: VM_PLATFORMS, get: (j) => j.platform },
    ...scheduleFields<Job>((j, now) => nextRun(j.schedule, now), (j) => j.scheduleEnabled !== false),
    ...serverFields<Job>((j) => j.backupServer),
  ],
};
