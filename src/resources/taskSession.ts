import type { Collection } from '../../data/collection.js';
import type { Store } from '../../data/store.js';
import type { JobSession, TaskSession } from '../../data/model.js';
import { hierarchyObjRef, uid } from '../../data/model.js';
import { emDateTime, nameStamp } from '../../data/time.js';
import { el, type LinkSpec } from '../repr/tree.js';
import { entityBase, type ResourceType } from './resourceType.js';
import { entityLink, refLink, serverUp } from './links.js';
import { restoreSessionView, runChangesAt, upTo, upToChangesAt } from '../../data/timeline.js';
import { vmRestorePointName, vmRestorePointType } from './vmRestorePoint.js';
import { atEnd, jobFields, resultField, runTimeFields, serverFields, uidField } from './queryFields.js';
import { sessionState } from '../../data/timeline.js';

const taskName = (t: TaskSession) => `${t.vm.name}@${nameStamp(t.creationTime)}`;

/** A task's State as EM shows it (Pending is a task not yet started, which is not listed yet). */
const taskState = (t: TaskSession, now: number) => (sessionState(t, now) === 'Working' ? 'InProgress' : 'Completed');

interface TaskKind {
  entity: 'BackupTaskSession' | 'ReplicaTaskSession';
  path: string;
  collection(store: Store): Collection<TaskSession>;
  sessionType: () => ResourceType<JobSession>;
  /** Backup tasks name the VM they processed (VmUid) and link the VM restore point they made. */
  backup: boolean;
}

/**
 * Backup and replica task sessions share one shape: Links (Up server, Up job session,
 * Alternate, Related point), then JobSessionUid, CreationTimeUTC, EndTimeUTC, State
 * (InProgress/Completed), Result, Reason, TotalSize (and VmUid for backups); attribute VmDisplayName.
 */
export function taskSessionType(kind: TaskKind): ResourceType<TaskSession> {
  const type: ResourceType<TaskSession> = {
    uidType: kind.entity,
    path: kind.path,
    refType: `${kind.entity}Reference`,
    listElement: `${kind.entity}s`,
    collection: kind.collection,
    name: taskName,
    refLinks: (t) => [
      serverUp(t.session.job.backupServer),
      refLink('Up', kind.sessionType(), t.session),
      entityLink('Alternate', type, t, kind.entity),
    ],
    entity: (t, now) => {
      const v = restoreSessionView(t, now);
      const point = t.vmRestorePoint && t.vmRestorePoint.creationTime <= now ? t.vmRestorePoint : undefined;
      const related: LinkSpec[] = point
        ? [{ ...entityLink('Related', vmRestorePointType, point, 'VmRestorePoint'), name: vmRestorePointName(point) }]
        : [];
      return el(
        kind.entity,
        ...entityBase(type, t, kind.entity, [
          serverUp(t.session.job.backupServer),
          refLink('Up', kind.sessionType(), t.session),
          refLink('Alternate', type, t),
          ...related,
        ]),
        {
          elems: {
            JobSessionUid: uid(kind.sessionType().uidType, t.session.id),
            CreationTimeUTC: emDateTime(t.creationTime),
            EndTimeUTC: v.endTime === undefined ? undefined : emDateTime(v.endTime),
            State: taskState(t, now),
            Result: v.result,
            Reason: v.state === 'Working' ? '' : t.reason,
            TotalSize: t.totalSize,
            VmUid: kind.backup ? hierarchyObjRef(t.vm) : undefined,
          },
          attrs: { VmDisplayName: t.vm.name },
        },
      );
    },
    listed: (store, now) => upTo(kind.collection(store), now),
    listedChangesAt: (store, now) => upToChangesAt(kind.collection(store), now),
    // Its run, and the restore point it links to, which appears at its own creation time.
    changesAt: (t, now) => {
      const pointAt =
        t.vmRestorePoint && t.vmRestorePoint.creationTime > now ? t.vmRestorePoint.creationTime : Infinity;
      return Math.min(runChangesAt(t, now), pointAt);
    },
    // EM's `GET /query?type=BackupTaskSession` / `ReplicaTaskSession` pages (the same fields);
    // State values in their listing order.
    queryFields: [
      uidField(kind.entity),
      { name: 'Name', kind: 'string', get: taskName },
      ...runTimeFields<TaskSession>(),
      { name: 'State', kind: 'enum', values: ['InProgress', 'Pending', 'Completed'], get: taskState, settlesAt: atEnd },
      resultField<TaskSession>(),
      {
        name: 'Reason',
        kind: 'string',
        get: (t, now) => (sessionState(t, now) === 'Working' ? '' : t.reason),
        settlesAt: atEnd,
      },
      { name: 'TotalSize', kind: 'number', get: (t) => t.totalSize },
      { name: 'JobSessionUid', kind: 'uid', get: (t) => uid(kind.sessionType().uidType, t.session.id) },
      ...jobFields<TaskSession>((t) => t.session.job),
      ...serverFields<TaskSession>((t) => t.session.job.backupServer),
      { name: 'VmDisplayName', kind: 'string', get: (t) => t.vm.name },
    ],
  };
  return type;
}
