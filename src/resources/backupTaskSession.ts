import { taskSessionType } from './taskSession.js';
import { backupJobSessionType } from './backupJobSession.js';

/** `/backupTaskSessions`: one per VM a backup or backup copy run processed. */
export const backupTaskSessionType = taskSessionType({
  entity: 'BackupTaskSession',
  path: 'backupTaskSessions',
  collection: (store) => store.backupTaskSessions,
  sessionType: () => backupJobSessionType,
  backup: true,
});
