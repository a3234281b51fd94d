import type { NasJob } from '../../data/model.js';
import { uid } from '../../data/model.js';
import { nextRun } from '../../data/jobs.js';
import { el } from '../repr/tree.js';
import { href } from '../repr/href.js';
import { entityBase, type ResourceType } from './resourceType.js';
import { entityLink, fileOrAgentJobLinks, serverUp } from './links.js';
import { jobHeadFields, scheduleFields, serverFields } from './queryFields.js';
import { scheduleChangesAt, scheduleElems } from './job.js';
import { nasObjectList, nasObjectsOf } from './nasObject.js';

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
      ...entityBase(
        nasJobType,
        j,
        'NasJob',
        fileOrAgentJobLinks(nasJobType, j, 'NasObjectList', (rel, name) => action(j, rel, name)),
      ),
      {
        elems: {
          Description: j.description,
          Includes: nasObjectList(nasObjectsOf(j), false, 'Includes'),
          StorageOptions: el('StorageOptions', {
            elems: {
              BackupRepositoryUid: uid('Repository', j.repository.id),
              ShorttermRetentionType: 'Day',
              ShorttermRetentionPeriod: 28,
              LongtermRetentionEnabled: false,
            },
          }),
          ...scheduleElems(j.schedule, now, j.scheduleEnabled !== false),
        },
      },
    ),
  changesAt: (j, now) => scheduleChangesAt(j.schedule, now),
  // EM's `GET /query?type=NasJob` page.
  queryFields: [
    ...jobHeadFields<NasJob>('NasJob'),
    ...scheduleFields<NasJob>(
      (j, now) => nextRun(j.schedule, now),
      (j) => j.scheduleEnabled !== false,
    ),
    ...serverFields<NasJob>((j) => j.backupServer),
  ],
};
