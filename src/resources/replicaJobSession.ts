import { vmJobSessionType } from './vmJobSessionType.js';

/** `/replicaSessions`: sessions of replication jobs. */
export const replicaJobSessionType = vmJobSessionType({
  uidType: 'ReplicaJobSession',
  path: 'replicaSessions',
  collection: (store) => store.replicaSessions,
  tasks: ['replicaTaskSessions', 'ReplicaTaskSessionReferenceList'],
  // EM's `GET /query?type=ReplicaJobSession` page: JobType is always Replica.
  queryJobTypes: ['Replica'],
});
