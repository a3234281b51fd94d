import type { AnyResourceType } from './resourceType.js';
import { backupServerType } from './backupServer.js';
import { vmRestorePointType } from './vmRestorePoint.js';
import { restoreSessionType } from './restoreSession.js';
import { jobType } from './job.js';
import { backupJobSessionType } from './backupJobSession.js';
import { backupTaskSessionType } from './backupTaskSession.js';
import { replicaJobSessionType } from './replicaJobSession.js';
import { replicaTaskSessionType } from './replicaTaskSession.js';
import { repositoryType } from './repository.js';
import { agentBackupType, backupType } from './backup.js';
import { agentBackupPointType, restorePointType } from './restorePoint.js';
import { agentBackupFileType, backupFileType } from './backupFile.js';
import { hierarchyRootType } from './hierarchyRoot.js';
import { discoveredComputerType } from './discoveredComputer.js';
import { nasJobType } from './nasJob.js';
import { nasBackupSessionType } from './nasBackupSession.js';
import { agentBackupJobType } from './agentBackupJob.js';
import { agentBackupSessionType } from './agentBackupSession.js';
import { fileServerType } from './fileServer.js';
import { protectionGroupType } from './protectionGroup.js';
import { agentRestorePointType } from './agentRestorePoint.js';
import { nasObjectType } from './nasObject.js';

/** Every resource type served as `/api/<path>` and `/api/<path>/{id}`. */
export const resourceTypes = [
  backupServerType,
  vmRestorePointType,
  restoreSessionType,
  jobType,
  backupJobSessionType,
  backupTaskSessionType,
  replicaJobSessionType,
  replicaTaskSessionType,
  repositoryType,
  backupType,
  restorePointType,
  backupFileType,
  hierarchyRootType,
  discoveredComputerType,
  nasJobType,
  nasBackupSessionType,
  agentBackupJobType,
  agentBackupSessionType,
  fileServerType,
  protectionGroupType,
  agentRestorePointType,
  agentBackupType,
  agentBackupPointType,
  agentBackupFileType,
] as unknown as AnyResourceType[];

/** What `/query` answers from the model: the resource types, and NAS objects (a job's includes, with no collection path of their own). */
export const queryableTypes = [...resourceTypes, nasObjectType as unknown as AnyResourceType];
