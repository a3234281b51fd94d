import type { Job, Schedule } from '../../data/model.js';
import { DAY, HOUR } from '../../data/time.js';
import { el, list, type El } from '../repr/tree.js';
import { objectInJobList, objectsInJob } from './objectInJob.js';
import { linkedJobObject, linkedJobsOf } from './linkedJob.js';

/** `HH:mm:ss.fffffff+00:00`: a schedule's time of day as EM writes it (the mock's servers run on UTC). */
const timeOfDay = (ms: number) => `${new Date(ms).toISOString().slice(11, 19)}.0000000+00:00`;

/**
 * `JobScheduleOptions` of the docs' backup job sample: the xsd artefact `Standart` (sic), retry
 * options, then the daily and periodic options, the one that drives the job enabled. The monthly,
 * continuous, backup-window and daisy-chaining blocks (all disabled in the sample) are left out.
 */
export function jobScheduleOptions(schedule: Schedule): El {
  const daily = schedule.periodMs === DAY;
  return el('JobScheduleOptions', {
    elems: {
      Standart: el('Standart', {
        elems: {
          RetryOptions: el('RetryOptions', { elems: { RetryTimes: 3, RetryTimeout: 10, RetrySpecified: true } }),
          WaitForBackupCompletion: true,
          BackupCompetitionWaitingPeriodMin: 180,
          OptionsDaily: el('OptionsDaily', {
            elems: { Kind: 'Everyday', Time: timeOfDay(daily ? schedule.offsetMs : 22 * HOUR), TimeOffsetUtc: 0 },
            attrs: { Enabled: daily },
          }),
          OptionsPeriodically: el('OptionsPeriodically', {
            elems: { Kind: 'Hours', FullPeriod: daily ? 1 : Math.round(schedule.periodMs / HOUR) },
            attrs: { Enabled: !daily },
          }),
        },
      }),
    },
  });
}

/**
 * `JobInfo`, by job type: `BackupJobInfo` (Includes, then retention as the sample shows it),
 * `ReplicaJobInfo` (Includes), or for a backup copy `ImmediateBackupCopyJobInfo` naming the job
 * it copies (13.x samples). Retention matches what the mock keeps: every point of its history.
 */
export function jobInfo(job: Job): El {
  const includes = objectInJobList(objectsInJob(job), false, 'Includes');
  let info: El;
  if (job.jobType === 'Backup') {
    info = el('BackupJobInfo', {
      elems: {
        Includes: includes,
        SimpleRetentionPolicy: el('SimpleRetentionPolicy', {
          elems: { RetainCycles: 100, RetainDaysToKeep: 100, RetainLimitType: 'Days' },
        }),
      },
    });
  } else if (job.jobType === 'Replica') {
    info = el('ReplicaJobInfo', { elems: { Includes: includes } });
  } else {
    info = el('ImmediateBackupCopyJobInfo', {
      elems: {
        LinkedJobIncludes: list(
          'LinkedJobIncludes',
          'LinkedJobObjects',
          linkedJobsOf(job).map((o) => linkedJobObject(o, false)),
        ),
        LinkedBackupIncludes: list('LinkedBackupIncludes', 'LinkedBackupObjects', []),
        LinkedBackupRepositoryIncludes: list('LinkedBackupRepositoryIncludes', 'LinkedBackupRepositories', []),
      },
    });
  }
  return el('JobInfo', { elems: { [info.name]: info } });
}
