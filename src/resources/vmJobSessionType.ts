import type { JobSession } from '../../data/model.js';
import type { Collection } from '../../data/collection.js';
import type { Store } from '../../data/store.js';
import { el, type LinkSpec } from '../repr/tree.js';
import { entityBase, type ResourceType } from './resourceType.js';
import { entityLink, refLink, serverUp, subLink } from './links.js';
import { jobSessionLayers } from './jobSession.js';
import { runChangesAt, upTo, upToChangesAt } from '../../data/timeline.js';
import { jobType } from './job.js';
import { jobSessionFields } from './queryFields.js';

/** What tells a backup job session from a replica job session; the rest of their shape is shared. */
export interface VmJobSessionSpec {
  uidType: 'BackupJobSession' | 'ReplicaJobSession';
  path: string;
  collection: (store: Store) => Collection<JobSession>;
  /** The sub-collection of its task sessions: path and link Type. */
  tasks: [path: string, type: string];
  /** Links only the entity carries, after the common ones. */
  entityLinks?: (s: JobSession, self: ResourceType<JobSession>) => LinkSpec[];
  /** JobType values of its query page, in EM's listing order. */
  queryJobTypes: string[];
}

/** A resource type for the sessions of VM jobs (`/backupSessions`, `/replicaSessions`). */
export function vmJobSessionType(spec: VmJobSessionSpec): ResourceType<JobSession> {
  const { uidType, tasks } = spec;
  const common = (s: JobSession): LinkSpec[] => [serverUp(s.job.backupServer), refLink('Up', jobType, s.job)];
  const type: ResourceType<JobSession> = {
    uidType,
    path: spec.path,
    refType: `${uidType}Reference`,
    listElement: `${uidType}s`,
    collection: spec.collection,
    name: (s) => s.name,
    refLinks: (s) => [...common(s), entityLink('Alternate', type, s, uidType), subLink('Down', type, s, ...tasks)],
    entity: (s, now) =>
      el(
        uidType,
        ...entityBase(type, s, uidType, [
          ...common(s),
          refLink('Alternate', type, s),
          subLink('Down', type, s, ...tasks),
          ...(spec.entityLinks?.(s, type) ?? []),
        ]),
        ...jobSessionLayers(s, s.job, s.job.jobType, now),
      ),
    listed: (store, now) => upTo(spec.collection(store), now),
    listedChangesAt: (store, now) => upToChangesAt(spec.collection(store), now),
    changesAt: runChangesAt,
    queryFields: jobSessionFields<JobSession>(
      uidType,
      spec.queryJobTypes,
      (s) => s.job,
      (s) => s.job.jobType,
    ),
  };
  return type;
}
