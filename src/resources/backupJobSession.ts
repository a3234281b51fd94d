import { isNasSession, isVmSession, type AnyBackupSession, type JobSession } from '../../data/model.js';
import type { Collection } from '../../data/collection.js';
import { sqlStamp } from '../../data/time.js';
import { href } from '../repr/href.js';
import { actionLink } from './links.js';
import { vmJobSessionType } from './vmJobSessionType.js';
import { nasBackupSessionType } from './nasBackupSession.js';
import { agentBackupSessionType } from './agentBackupSession.js';
import { upTo, upToChangesAt } from '../../data/timeline.js';
import { jobSessionFields } from './queryFields.js';
import type { ResourceType } from './resourceType.js';

/**
 * The shape of VM backup and backup copy job sessions (tasks, restore point). Only its
 * representation is used: `backupJobSessionType` below lists, finds and queries all kinds.
 */
const vmBackupSessionType = vmJobSessionType({
  uidType: 'BackupJobSession',
  path: 'backupSessions',
  collection: (store) => store.backupSessions as Collection<JobSession>,
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
  queryJobTypes: [],
});

/** Each kind of session keeps its own shape; the list holds them all in time order. */
const shapeOf = (s: AnyBackupSession) =>
  (isVmSession(s)
    ? vmBackupSessionType
    : isNasSession(s)
      ? nasBackupSessionType
      : agentBackupSessionType) as unknown as ResourceType<AnyBackupSession>;

/** The JobType a session reports. */
export const sessionJobType = (s: AnyBackupSession): string =>
  isVmSession(s) ? s.job.jobType : isNasSession(s) ? 'NasBackup' : 'AgentBackup';

/**
 * `/backupSessions`: sessions of backup and backup copy jobs, and (as EM lists them there too)
 * of file share and agent backup jobs.
 */
export const backupJobSessionType: ResourceType<AnyBackupSession> = {
  uidType: 'BackupJobSession',
  path: 'backupSessions',
  refType: 'BackupJobSessionReference',
  listElement: 'BackupJobSessions',
  collection: (store) => store.backupSessions,
  name: (s) => s.name,
  refLinks: (s) => shapeOf(s).refLinks(s),
  entity: (s, now) => shapeOf(s).entity(s, now),
  listed: (store, now) => upTo(store.backupSessions, now),
  listedChangesAt: (store, now) => upToChangesAt(store.backupSessions, now),
  changesAt: (s, now) => shapeOf(s).changesAt!(s, now),
  // EM's `GET /query?type=BackupJobSession` page, JobType values in its listing order.
  queryFields: jobSessionFields<AnyBackupSession>(
    'BackupJobSession',
    [
      'Backup',
      'BackupCopy',
      'ImmediateBackupCopy',
      'ImmediateBackupCopyWorker',
      'AgentBackup',
      'AgentManagement',
      'NasBackup',
    ],
    (s) => s.job,
    sessionJobType,
  ),
};
