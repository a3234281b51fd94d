import type { NasBackupSession } from '../../data/model.js';
import { el } from '../repr/tree.js';
import { entityBase, type ResourceType } from './resourceType.js';
import { entityLink, refLink, serverUp } from './links.js';
import { jobSessionLayers } from './jobSession.js';
import { ended, upTo } from '../../data/timeline.js';
import { nasJobType } from './nasJob.js';

/** `/nas/backupSessions`: file share backup job sessions, shaped as BackupJobSessions of JobType NasBackup. */
export const nasBackupSessionType: ResourceType<NasBackupSession> = {
  uidType: 'BackupJobSession',
  path: 'nas/backupSessions',
  refType: 'BackupJobSessionReference',
  listElement: 'BackupJobSessions',
  collection: (store) => store.nasBackupSessions,
  name: (s) => s.name,
  refLinks: (s) => [
    serverUp(s.job.backupServer),
    { ...refLink('Up', nasJobType, s.job), type: 'JobReference' },
    entityLink('Alternate', nasBackupSessionType, s, 'BackupJobSession'),
  ],
  entity: (s, now) =>
    el(
      'BackupJobSession',
      ...entityBase(nasBackupSessionType, s, 'BackupJobSession', [
        serverUp(s.job.backupServer),
        { ...refLink('Up', nasJobType, s.job), type: 'JobReference' },
        refLink('Alternate', nasBackupSessionType, s),
      ]),
      ...jobSessionLayers(s, s.job, 'NasBackup', now),
    ),
  listed: (store, now) => upTo(store.nasBackupSessions, now),
  isFinal: ended,
};
