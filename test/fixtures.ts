import { Store } from '../data/store.js';
import type {
  BackupFile,
  BackupServer,
  HierarchyRoot,
  RestorePoint,
  RestoreSession,
  Vm,
  VmRestorePoint,
} from '../data/model.js';
import { CLOCK_START } from './helper.js';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

export const SERVER: BackupServer = {
  id: '11111111-1111-4111-8111-111111111111',
  name: 'vbr01.tech.local',
  description: 'Main backup server',
  port: 9392,
  version: '12.1.1.56',
  wcfPort: 9405,
  thumbprint: 'ABCDEF0123456789ABCDEF0123456789ABCDEF01',
};

export const ROOT: HierarchyRoot = {
  id: '22222222-2222-4222-8222-222222222222',
  name: 'vcsa1.tech.local',
  platform: 'VMware',
  backupServer: SERVER,
};

export const VM: Vm = { name: 'web-101', root: ROOT, objectRef: 'vm-1001', sizeBytes: 40 * 2 ** 30 };

const POINT_TIME = Date.parse('2026-11-20T20:04:07.267Z');

export const POINT: VmRestorePoint = {
  id: '33333333-3333-4333-8333-333333333333',
  vm: VM,
  backupServer: SERVER,
  creationTime: POINT_TIME,
  algorithm: 'Incremental',
  pointType: 'Increment',
  // Only what a VM restore point's links read of its parents; the rest of the chain is not served here.
  restorePoint: { id: '44444444-4444-4444-8444-444444444444', creationTime: POINT_TIME } as RestorePoint,
  backupFile: {
    id: '55555555-5555-4555-8555-555555555555',
    name: 'vSphere Backup 1D2026-11-20T200407_1A2B.vib',
  } as BackupFile,
};

/** Finished file-level restore, 2 days before the clock start. */
export const FINISHED: RestoreSession = {
  id: '66666666-6666-4666-8666-666666666666',
  name: 'FLR_[web-101]@2026-11-27 12:00:00',
  jobType: 'FileLevelRestore',
  vmRestorePoint: POINT,
  creationTime: CLOCK_START - 2 * DAY,
  endTime: CLOCK_START - 2 * DAY + 28 * MIN + 6_500,
  result: 'Warning',
};

/** Whole-VM restore, started 16 minutes before the clock start, ending 48 minutes after it. */
export const RUNNING: RestoreSession = {
  id: '77777777-7777-4777-8777-777777777777',
  name: 'web-101@2026-11-29 11:44:00',
  jobType: 'RestoreVm',
  vmRestorePoint: POINT,
  creationTime: CLOCK_START - 16 * MIN,
  endTime: CLOCK_START + 48 * MIN,
  result: 'Success',
};

/** 40 days old: outside the 30-day window of GET /restoreSessions. */
export const OLD: RestoreSession = {
  id: '88888888-8888-4888-8888-888888888888',
  name: 'web-101@2026-10-20 12:00:00',
  jobType: 'RestoreVm',
  vmRestorePoint: POINT,
  creationTime: CLOCK_START - 40 * DAY,
  endTime: CLOCK_START - 40 * DAY + 5 * MIN,
  result: 'Failed',
};

/** A store small enough to write its responses out literally in tests. */
export function tinyStore(): Store {
  const store = new Store();
  store.backupServers.add(SERVER);
  store.hierarchyRoots.add(ROOT);
  store.vms.push(VM);
  store.vmRestorePoints.add(POINT);
  store.restoreSessions.addAll([OLD, FINISHED, RUNNING]);
  return store;
}
