import type { NasBackupSession } from '../../data/model.js';
import { runSessionType } from './runSession.js';
import { nasJobType } from './nasJob.js';

/** `/nas/backupSessions`: file share backup job sessions, BackupJobSessions of JobType NasBackup. */
export const nasBackupSessionType = runSessionType<NasBackupSession>({
  path: 'nas/backupSessions',
  collection: (store) => store.nasBackupSessions,
  jobType: 'NasBackup',
  job: nasJobType,
});
