import type { JobSession } from '../../data/model.js';
import { el } from '../repr/tree.js';
import { entityBase, type ResourceType } from './resourceType.js';
import { entityLink, refLink, serverUp, subLink } from './links.js';
import { ended, jobSessionLayers, upTo } from './jobSession.js';
import { jobType } from './job.js';
import { jobSessionFields } from './queryFields.js';

/** `/replicaSessions`: sessions of replication jobs. */
export const replicaJobSessionType: ResourceType<JobSession> = {
  uidType: 'ReplicaJobSession',
  path: 'replicaSessions',
  refType: 'ReplicaJobSessionReference',
  listElement: 'ReplicaJobSessions',
  collection: (store) => store.replicaSessions,
  name: (s) => s.name,
  refLinks: (s) => [
    serverUp(s.job.backupServer),
    refLink('Up', jobType, s.job),
    entityLink('Alternate', replicaJobSessionType, s, 'ReplicaJobSession'),
    subLink('Down', replicaJobSessionType, s, 'replicaTaskSessions', 'ReplicaTaskSessionReferenceList'),
  ],
  entity: (s, now) =>
    el(
      'ReplicaJobSession',
      ...entityBase(replicaJobSessionType, s, 'ReplicaJobSession', [
        serverUp(s.job.backupServer),
        refLink('Up', jobType, s.job),
        refLink('Alternate', replicaJobSessionType, s),
        subLink('Down', replicaJobSessionType, s, 'replicaTaskSessions', 'ReplicaTaskSessionReferenceList'),
      ]),
      ...jobSessionLayers(s, s.job, s.job.jobType, now),
    ),
  listed: (store, now) => upTo(store.replicaSessions, now),
  isFinal: ended,
  // EM's `GET /query?type=ReplicaJobSession` page: JobType is always Replica.
  queryFields: jobSessionFields<JobSession>('ReplicaJobSession', ['Replica'], (s) => s.job),
};
