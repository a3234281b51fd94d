import { hierarchyObjRef, uid, type RestoreSession } from '../../data/model.js';
import { DAY, emDateTime } from '../../data/time.js';
import type { Store } from '../../data/store.js';
import { el } from '../repr/tree.js';
import { entityBase, itemHref, type ResourceType } from './resourceType.js';
import { serverUp } from './links.js';
import { atEnd, RESULT_VALUES } from './queryFields.js';
import { vmRestorePointName, vmRestorePointType } from './vmRestorePoint.js';
import {
  restoreSessionChangesAt,
  restoreSessionView,
  sessionEndTime,
  sessionResult,
  sessionState,
} from '../../data/timeline.js';

/** `GET /restoreSessions` lists only sessions created in the last 30 days (EM v12+). */
export const RESTORE_SESSION_WINDOW_MS = 30 * DAY;

export const restoreSessionType: ResourceType<RestoreSession> = {
  uidType: 'RestoreSession',
  path: 'restoreSessions',
  refType: 'RestoreSessionReference',
  listElement: 'RestoreSessions',
  collection: (store) => store.restoreSessions,
  name: (s) => s.name,
  refLinks: (s) => [
    serverUp(s.vmRestorePoint.backupServer),
    { rel: 'Alternate', href: itemHref(restoreSessionType, s, true), name: s.name, type: 'RestoreSession' },
  ],
  entity: (s, now) => {
    const v = restoreSessionView(s, now);
    const vm = s.vmRestorePoint.vm;
    return el(
      'RestoreSession',
      ...entityBase(restoreSessionType, s, 'RestoreSession', [
        serverUp(s.vmRestorePoint.backupServer),
        { rel: 'Alternate', href: itemHref(restoreSessionType, s), name: s.name, type: 'RestoreSessionReference' },
        {
          rel: 'Related',
          href: itemHref(vmRestorePointType, s.vmRestorePoint),
          name: vmRestorePointName(s.vmRestorePoint),
          type: 'VmRestorePointReference',
        },
      ]),
      {
        // JobSessionEntityType's members; a restore session has no job, so JobUid and JobName are
        // absent (null in JSON), like FailureMessage.
        elems: {
          JobUid: null,
          JobName: null,
          JobType: s.jobType,
          CreationTimeUTC: emDateTime(s.creationTime),
          EndTimeUTC: v.endTime === undefined ? undefined : emDateTime(v.endTime),
          State: v.state,
          Result: v.result,
          Progress: v.progress,
          FailureMessage: null,
        },
      },
      {
        // Only a whole-VM restore has a restored object; a file-level restore reads files out of the point.
        elems: { RestoredObjRef: s.jobType === 'RestoreVm' ? hierarchyObjRef(vm) : null },
        attrs: { VmDisplayName: vm.name },
      },
    );
  },
  listed: (store: Store, now: number) => store.restoreSessions.between(now - RESTORE_SESSION_WINDOW_MS, now),
  // The next session created enters the window; the oldest in it leaves one millisecond after 30 days.
  listedChangesAt: (store: Store, now: number) =>
    Math.min(
      store.restoreSessions.nextTimeAfter(now),
      store.restoreSessions.firstTimeFrom(now - RESTORE_SESSION_WINDOW_MS) + RESTORE_SESSION_WINDOW_MS + 1,
    ),
  changesAt: restoreSessionChangesAt,
  // The fields of EM's `GET /query?type=RestoreSession` page. Enum orders: notes/query.md.
  queryFields: [
    { name: 'UID', kind: 'uid', get: (s) => uid('RestoreSession', s.id) },
    { name: 'Name', kind: 'string', get: (s) => s.name },
    { name: 'Type', kind: 'enum', values: ['FileLevelRestore', 'RestoreVm'], get: (s) => s.jobType },
    { name: 'CreationTime', kind: 'date', timeKey: true, get: (s) => s.creationTime },
    { name: 'EndTime', kind: 'date', get: sessionEndTime, settlesAt: atEnd },
    {
      name: 'State',
      kind: 'enum',
      values: ['Stopped', 'Starting', 'Stopping', 'Working'],
      get: sessionState,
      settlesAt: atEnd,
    },
    { name: 'Result', kind: 'enum', values: RESULT_VALUES, get: sessionResult, settlesAt: atEnd },
    { name: 'BackupServerUid', kind: 'uid', get: (s) => uid('BackupServer', s.vmRestorePoint.backupServer.id) },
    { name: 'BackupServerName', kind: 'string', get: (s) => s.vmRestorePoint.backupServer.name },
    { name: 'VmDisplayName', kind: 'string', get: (s) => s.vmRestorePoint.vm.name },
  ],
};
