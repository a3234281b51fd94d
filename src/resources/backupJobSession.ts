import { sqlStamp } from '../../data/time.js';
import { href } from '../repr/href.js';
import { actionLink } from './links.js';
import { vmJobSessionType } from './vmJobSessionType.js';

/** `/backupSessions`: sessions of backup and backup copy jobs. */
export const backupJobSessionType = vmJobSessionType({
  uidType: 'BackupJobSession',
  path: 'backupSessions',
  collection: (store) => store.backupSessions,
  tasks: ['taskSessions', 'BackupTaskSessionReferenceList'],
  entityLinks: (s, self) => [
    actionLink('Stop', self, s, 'stop'),
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
  ],
  // EM's `GET /query?type=BackupJobSession` page, JobType values in its listing order. NAS
  // sessions (JobType NasBackup) live in their own collection and are not part of this query.
  queryJobTypes: ['Backup', 'BackupCopy', 'ImmediateBackupCopy', 'ImmediateBackupCopyWorker', 'AgentBackup', 'AgentManagement', 'NasBackup'],
});
