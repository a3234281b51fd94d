import type { AgentBackupSession } from '../../data/model.js';
import { runSessionType } from './runSession.js';
import { agentBackupJobType } from './agentBackupJob.js';

/** `/agents/backupSessions`: Veeam Agent backup job sessions, BackupJobSessions of JobType AgentBackup. */
export const agentBackupSessionType = runSessionType<AgentBackupSession>({
  path: 'agents/backupSessions',
  collection: (store) => store.agentBackupSessions,
  jobType: 'AgentBackup',
  job: agentBackupJobType,
});
