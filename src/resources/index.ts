import type { AnyResourceType } from './resourceType.js';
import { backupServerType } from './backupServer.js';
import { vmRestorePointType } from './vmRestorePoint.js';
import { restoreSessionType } from './restoreSession.js';

/** Every resource type served as `/api/<path>` and `/api/<path>/{id}`. */
export const resourceTypes = [backupServerType, vmRestorePointType, restoreSessionType] as unknown as AnyResourceType[];
