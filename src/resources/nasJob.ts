import type { NasJob } from '../../data/model.js';
import { uid } from '../../data/model.js';
import { emDateTime } from '../../data/time.js';
import { nextRun } from '../../data/jobs.js';
import { el } from '../repr/tree.js';
import { href } from '../repr/send.js';
import { entityBase, itemHref, type ResourceType } from './resourceType.js';
import { entityLink, serverUp, subLink } from './links.js';
import { scheduleFields, serverFields, uidField } from './queryFields.js';

/** NAS job actions are path segments (`/nas/jobs/{id}/start`), not `?action=`. */
const action = (j: NasJob, rel: string, segment: string) => ({ rel, href: href(`nas/jobs/${j.id}/${segment}`) });

/** `/nas/jobs`: file share backup jobs. The entity element is `NASJob`, its Type `NasJob`. */
export const nasJobType: ResourceType<NasJob> = {
  uidType: 'NasJob',
  path: 'nas/jobs',
  refType: 'NasJobReference',
  listElement: 'NASJobs',
  collection: (store) => store.nasJobs,
  name: (j) => j.name,
  refLinks: (j) => [serverUp(j.backupServer), entityLink('Alternate', nasJobType, j, 'NasJob')],
  entity: (j, now) =>
    el(
      'NASJob',
      ...entityBase(nasJobType, j, 'NasJob', [
        serverUp(j.backupServer),
        // EM types this Alternate link JobReference (sic).
        { rel: 'Alternate', href: itemHref(nasJobType, j), name: j.name, type: 'JobReference' },
        subLink('Down', nasJobType, j, 'includes', 'NasObjectList'),
        action(j, 'ToggleScheduleEnabled', 'toggleScheduleEnabled'),
        subLink('Down', nasJobType, j, 'backupSessions', 'BackupJobSessionReferenceList'),
        action(j, 'Start', 'start'),
        action(j, 'Stop', 'stop'),
        action(j, 'Retry', 'retry'),
      ]),
      {
        elems: {
          Description: j.description,
          StorageOptions: el('StorageOptions', {
            elems: {
              BackupRepositoryUid: uid('Repository', j.repository.id),
              ShorttermRetentionType: 'Day',
              ShorttermRetentionPeriod: 28,
              LongtermRetentionEnabled: false,
            },
          }),
          ScheduleConfigured: true,
          ScheduleEnabled: true,
          NextRun: emDateTime(nextRun(j.schedule, now)),
        },
      },
    ),
  isFinal: () => false,
  // EM's `GET /query?type=NasJob` page.
  queryFields: [
    uidField('NasJob'),
    { name: 'Name', kind: 'string', get: (j) => j.name },
    { name: 'Description', kind: 'string', get: (j) => j.description },
    ...scheduleFields<NasJob>((j, now) => nextRun(j.schedule, now)),
    ...serverFields<NasJob>((j) => j.backupServer),
  ],
};
