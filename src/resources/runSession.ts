import type { AgentBackupSession, NasBackupSession } from '../../data/model.js';
import type { Collection } from '../../data/collection.js';
import type { Store } from '../../data/store.js';
import { el, type LinkSpec } from '../repr/tree.js';
import { entityBase, type ResourceType } from './resourceType.js';
import { entityLink, refLink, serverUp, subLink } from './links.js';
import { jobSessionLayers } from './jobSession.js';
import { runChangesAt, upTo, upToChangesAt } from '../../data/timeline.js';

/** A session of a job that has no per-VM tasks: a file share (NAS) or a Veeam Agent backup job. */
type RunSession = NasBackupSession | AgentBackupSession;

export interface RunSessionSpec<T extends RunSession> {
  /** The list that shows these sessions on their own: `nas/backupSessions`, `agents/backupSessions`. */
  path: string;
  collection: (store: Store) => Collection<T>;
  /** The session's JobType. */
  jobType: 'NasBackup' | 'AgentBackup';
  /** The resource type of the session's job, for its Up link. */
  job: ResourceType<T['job']>;
}

/**
 * File share and agent job sessions are BackupJobSessions to EM: whichever list shows them, their
 * Hrefs name `/backupSessions/{id}` (the 9.5U4 `/agents/backupSessions` sample), and their Up link
 * to the job is typed `JobReference` whatever the job's own path.
 */
export function runSessionType<T extends RunSession>(spec: RunSessionSpec<T>): ResourceType<T> {
  const jobUp = (s: T): LinkSpec => ({ ...refLink('Up', spec.job, s.job), type: 'JobReference' });
  const tasks = (s: T) => subLink('Down', type, s, 'taskSessions', 'BackupTaskSessionReferenceList');
  const type: ResourceType<T> = {
    uidType: 'BackupJobSession',
    path: spec.path,
    itemPath: 'backupSessions',
    refType: 'BackupJobSessionReference',
    listElement: 'BackupJobSessions',
    collection: spec.collection,
    name: (s) => s.name,
    refLinks: (s) => [
      serverUp(s.job.backupServer),
      jobUp(s),
      entityLink('Alternate', type, s, 'BackupJobSession'),
      tasks(s),
    ],
    entity: (s, now) =>
      el(
        'BackupJobSession',
        ...entityBase(type, s, 'BackupJobSession', [
          serverUp(s.job.backupServer),
          jobUp(s),
          refLink('Alternate', type, s),
          tasks(s),
        ]),
        ...jobSessionLayers(s, s.job, spec.jobType, now),
      ),
    listed: (store, now) => upTo(spec.collection(store), now),
    listedChangesAt: (store, now) => upToChangesAt(spec.collection(store), now),
    changesAt: runChangesAt,
  };
  return type;
}
