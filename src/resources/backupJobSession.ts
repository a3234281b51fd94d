import type { JobSession } from '../../data/model.js';
import { sqlStamp } from '../../data/time.js';
import { el } from '../repr/tree.js';
import { href } from '../repr/send.js';
import { entityBase, type ResourceType } from './resourceType.js';
import { actionLink, entityLink, refLink, serverUp, subLink } from './links.js';
import { ended, jobSessionLayers, upTo } from './jobSession.js';
import { jobType } from './job.js';
import { jobSessionFields } from './queryFields.js';

/** `/backupSessions`: sessions of backup and backup copy jobs. */
export const backupJobSessionType: ResourceType<JobSession> = {
  uidType: 'BackupJobSession',
  path: 'backupSessions',
  refType: 'BackupJobSessionReference',
  listElement: 'BackupJobSessions',
  collection: (store) => store.backupSessions,
  name: (s) => s.name,
  refLinks: (s) => [
    serverUp(s.job.backupServer),
    refLink('Up', jobType, s.job),
    entityLink('Alternate', backupJobSessionType, s, 'BackupJobSession'),
    subLink('Down', backupJobSessionType, s, 'taskSessions', 'BackupTaskSessionReferenceList'),
  ],
  entity: (s, now) =>
    el(
      'BackupJobSession',
      ...entityBase(backupJobSessionType, s, 'BackupJobSession', [
        serverUp(s.job.backupServer),
        refLink('Up', jobType, s.job),
        refLink('Alternate', backupJobSessionType, s),
        subLink('Down', backupJobSessionType, s, 'taskSessions', 'BackupTaskSessionReferenceList'),
        actionLink('Stop', backupJobSessionType, s, 'stop'),
        ...(s.restorePoint
          ? [
              {
                rel: 'Related',
                href: href(`restorePoints/${s.restorePoint.id}`),
                name: sqlStamp(s.restorePoint.creationTime),
                type: 'RestorePointReference',
              },
            ]
          : []),
      ]),
      ...jobSessionLayers(s, s.job, s.job.jobType, now),
    ),
  listed: (store, now) => upTo(store.backupSessions, now),
  isFinal: ended,
  // EM's `GET /query?type=BackupJobSession` page, JobType values in its listing order. NAS
  // sessions (JobType NasBackup) live in their own collection and are not part of this query.
  queryFields: jobSessionFields<JobSession>(
    'BackupJobSession',
    ['Backup', 'BackupCopy', 'ImmediateBackupCopy', 'ImmediateBackupCopyWorker', 'AgentBackup', 'AgentManagement', 'NasBackup'],
    (s) => s.job,
  ),
};
