import { hierarchyObjRef, uid, type VmRestorePoint } from '../../data/model.js';
import { nameStamp, emDateTime, sqlStamp } from '../../data/time.js';
import { el } from '../repr/tree.js';
import { href } from '../repr/href.js';
import { entityBase, itemHref, type ResourceType } from './resourceType.js';
import { backupServerType } from './backupServer.js';
import { upTo, upToChangesAt } from '../../data/timeline.js';

export const vmRestorePointName = (p: VmRestorePoint) => `${p.vm.name}@${nameStamp(p.creationTime)}`;

/** The three parents every VM restore point links Up to, in EM's order. */
const parents = (p: VmRestorePoint) => [
  {
    rel: 'Up',
    href: itemHref(backupServerType, p.backupServer),
    name: p.backupServer.name,
    type: 'BackupServerReference',
  },
  {
    rel: 'Up',
    href: href(`restorePoints/${p.restorePoint.id}`),
    name: sqlStamp(p.restorePoint.creationTime),
    type: 'RestorePointReference',
  },
  { rel: 'Up', href: href(`backupFiles/${p.backupFile.id}`), name: p.backupFile.name, type: 'BackupFileReference' },
];

export const vmRestorePointType: ResourceType<VmRestorePoint> = {
  uidType: 'VmRestorePoint',
  path: 'vmRestorePoints',
  refType: 'VmRestorePointReference',
  listElement: 'VmRestorePoints',
  collection: (store) => store.vmRestorePoints,
  name: vmRestorePointName,
  refLinks: (p) => [
    ...parents(p),
    {
      rel: 'Alternate',
      href: itemHref(vmRestorePointType, p, true),
      name: vmRestorePointName(p),
      type: 'VmRestorePoint',
    },
  ],
  entity: (p) => {
    const self = itemHref(vmRestorePointType, p);
    return el(
      'VmRestorePoint',
      ...entityBase(vmRestorePointType, p, 'VmRestorePoint', [
        { rel: 'Restore', href: `${self}?action=restore` },
        ...parents(p),
        { rel: 'Alternate', href: self, name: vmRestorePointName(p), type: 'VmRestorePointReference' },
        { rel: 'Down', href: `${self}/mounts`, type: 'VmRestorePointMountList' },
        { rel: 'Create', href: `${self}/mounts`, type: 'VmRestorePointMount' },
      ]),
      {
        elems: {
          CreationTimeUTC: emDateTime(p.creationTime),
          VmName: p.vm.name,
          Algorithm: p.algorithm,
          PointType: p.pointType,
          HierarchyObjRef: hierarchyObjRef(p.vm),
        },
        attrs: { VmDisplayName: p.vm.name },
      },
    );
  },
  // A point of a backup still running appears when its VM has been processed.
  listed: (store, now) => upTo(store.vmRestorePoints, now),
  listedChangesAt: (store, now) => upToChangesAt(store.vmRestorePoints, now),
  // The fields of EM's `GET /query?type=VmRestorePoint` page, enums in its documented order.
  queryFields: [
    { name: 'UID', kind: 'uid', get: (p) => uid('VmRestorePoint', p.id) },
    { name: 'Name', kind: 'string', get: vmRestorePointName },
    { name: 'CreationTime', kind: 'date', timeKey: true, get: (p) => p.creationTime },
    { name: 'Type', kind: 'enum', values: ['Full', 'Increment', 'ReverseIncrement'], get: (p) => p.pointType },
    {
      name: 'Algorithm',
      kind: 'enum',
      values: ['Full', 'ReversedIncremental', 'Incremental', 'SyntheticFull'],
      get: (p) => p.algorithm,
    },
    { name: 'RestorePointId', kind: 'uid', get: (p) => uid('RestorePoint', p.restorePoint.id) },
    { name: 'RestorePointName', kind: 'string', get: (p) => sqlStamp(p.restorePoint.creationTime) },
    { name: 'VmDisplayName', kind: 'string', get: (p) => p.vm.name },
    { name: 'BackupServerUid', kind: 'uid', get: (p) => uid('BackupServer', p.backupServer.id) },
    { name: 'BackupServerName', kind: 'string', get: (p) => p.backupServer.name },
    // Not on the docs page, but restore tooling filters by it (`HierarchyObjRef=="urn:VMware:Vm:…"`)
    // with the ObjectRef a lookup answered, so it is served like the other string fields.
    { name: 'HierarchyObjRef', kind: 'string', get: (p) => hierarchyObjRef(p.vm) },
  ],
};
