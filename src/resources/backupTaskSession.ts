import type { JobSession } from '../../data/model.js';
import type { ResourceType } from './resourceType.js';
import { taskSessionType } from './taskSession.js';
import { backupJobSessionType } from './backupJobSession.js';

/** `/backupTaskSessions`: one per VM a backup or backup copy run processed. */
export const backupTaskSessionType = taskSessionType({
  entity: 'BackupTaskSession',
  path: 'backupTaskSessions',
  collection: (store) => store.backupTaskSessions,
  // A task's session is always a VM job session, which the union type renders as such.
  sessionType: () => backupJobSessionType as unknown as ResourceType<JobSession>,
  backup: true,
});
