import { taskSessionType } from './taskSession.js';
import { replicaJobSessionType } from './replicaJobSession.js';

/** `/replicaTaskSessions`: one per VM a replication run processed. */
export const replicaTaskSessionType = taskSessionType({
  entity: 'ReplicaTaskSession',
  path: 'replicaTaskSessions',
  collection: (store) => store.replicaTaskSessions,
  sessionType: () => replicaJobSessionType,
  backup: false,
});
