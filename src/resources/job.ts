import type { Job, Schedule } from '../../data/model.js';
import { emDateTime } from '../../data/time.js';
import { nextRun } from '../../data/jobs.js';
import { el, type LinkSpec } from '../repr/tree.js';
import { entityBase, type ResourceType } from './resourceType.js';
import { actionLink, entityLink, refLink, serverUp, subLink } from './links.js';
import { jobHeadFields, scheduleFields, serverFields, VM_PLATFORMS } from './queryFields.js';
import { jobInfo, jobScheduleOptions } from './jobInfo.js';

/** The schedule elements every job entity carries (every simulated job is scheduled; NextRun moves with the clock). */
export const scheduleElems = (schedule: Schedule, now: number, enabled = true) => ({
  ScheduleConfigured: true,
  ScheduleEnabled: enabled,
  NextRun: emDateTime(nextRun(schedule, now)),
});

/**
 * When NextRun next moves: at the run it names, or earlier at the next period boundary (with an
 * offset longer than the period, `nextRun` steps there).
 */
export const scheduleChangesAt = (schedule: Schedule, now: number) =>
  Math.min(nextRun(schedule, now), (Math.floor(now / schedule.periodMs) + 1) * schedule.periodMs);

/** A job's sessions: replication jobs' under /replicaSessions, the others' under /backupSessions (docs' scenario sample). */
const sessionsLink = (j: Job): LinkSpec =>
  j.jobType === 'Replica'
    ? subLink('Down', jobType, j, 'replicaSessions', 'ReplicaJobSessionReferenceList')
    : subLink('Down', jobType, j, 'backupSessions', 'BackupJobSessionReferenceList');

/**
 * Entity links in the order of the docs' samples. Backup and replication jobs (the 12.x backup job
 * sample): Up, Alternate, Edit (the reference Href, typed JobReference), Clone,
 * ToggleScheduleEnabled, Down includes, Down sessions, Create includes, Start, Stop, Retry. Backup
 * copy jobs (13.x samples): Up, Alternate, Clone, ToggleScheduleEnabled, Down sessions, Sync, Down
 * linkedJobs, Down linkedBackupRepositories, Create linkedJobs, Create linkedBackupRepositories.
 */
function entityLinks(j: Job): LinkSpec[] {
  const head = [serverUp(j.backupServer), refLink('Alternate', jobType, j)];
  const clone = actionLink('Clone', jobType, j, 'clone');
  const toggle = actionLink('ToggleScheduleEnabled', jobType, j, 'toggleScheduleEnabled');
  if (j.jobType === 'BackupCopy')
    return [
      ...head,
      clone,
      toggle,
      sessionsLink(j),
      actionLink('Sync', jobType, j, 'sync'),
      subLink('Down', jobType, j, 'linkedJobs', 'LinkedJobObjectList'),
      subLink('Down', jobType, j, 'linkedBackupRepositories', 'LinkedBackupRepositoryObjectList'),
      subLink('Create', jobType, j, 'linkedJobs', 'LinkedJobObject'),
      subLink('Create', jobType, j, 'linkedBackupRepositories', 'LinkedBackupRepositoryObject'),
    ];
  return [
    ...head,
    refLink('Edit', jobType, j),
    clone,
    toggle,
    subLink('Down', jobType, j, 'includes', 'ObjectInJobList'),
    sessionsLink(j),
    subLink('Create', jobType, j, 'includes', 'ObjectInJob'),
    actionLink('Start', jobType, j, 'start'),
    actionLink('Stop', jobType, j, 'stop'),
    actionLink('Retry', jobType, j, 'retry'),
  ];
}

/** `/jobs`: backup, backup copy and replication jobs of every backup server. */
export const jobType: ResourceType<Job> = {
  uidType: 'Job',
  path: 'jobs',
  refType: 'JobReference',
  listElement: 'Jobs',
  collection: (store) => store.jobs,
  name: (j) => j.name,
  refLinks: (j) => [serverUp(j.backupServer), entityLink('Alternate', jobType, j, 'Job'), sessionsLink(j)],
  entity: (j, now) =>
    el('Job', ...entityBase(jobType, j, 'Job', entityLinks(j)), {
      elems: {
        JobType: j.jobType,
        Platform: j.platform,
        Description: j.description,
        ...scheduleElems(j.schedule, now, j.scheduleEnabled !== false),
        JobScheduleOptions: jobScheduleOptions(j.schedule),
        JobInfo: jobInfo(j),
      },
    }),
  changesAt: (j, now) => scheduleChangesAt(j.schedule, now),
  // The fields of EM's `GET /query?type=Job` page; JobType and Platform in its listing order.
  queryFields: [
    ...jobHeadFields<Job>('Job'),
    {
      name: 'JobType',
      kind: 'enum',
      values: ['Backup', 'BackupCopy', 'ImmediateBackupCopy', 'Replica'],
      get: (j) => j.jobType,
    },
    { name: 'Platform', kind: 'enum', values: VM_PLATFORMS, get: (j) => j.platform },
    ...scheduleFields<Job>(
      (j, now) => nextRun(j.schedule, now),
      (j) => j.scheduleEnabled !== false,
    ),
    ...serverFields<Job>((j) => j.backupServer),
  ],
};
