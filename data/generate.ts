import { Rng, guidFor } from './random.js';
import { DAY, HOUR, MINUTE, nameStamp } from './time.js';
import { Store } from './store.js';
import type {
  Algorithm,
  BackupServer,
  HierarchyRoot,
  Platform,
  PointType,
  RestoreJobType,
  RestoreSession,
  SessionResult,
  Vm,
  VmRestorePoint,
} from './model.js';
import { PLATFORMS } from './model.js';

export interface GenerateOptions {
  seed: number;
  /** The clock's start: history is laid out before it. */
  now: number;
  restoreSessions: number;
  backupServers?: number;
}

/** Real release strings (clients look them up in fixed tables). */
const VERSIONS = ['12.1.1.56', '12.0.0.1420 P20230718', '11.0.1.1261 P20220302', '12.3.2.3617'];
const ROLES = ['web', 'app', 'sql', 'file', 'dc', 'mail', 'build', 'proxy'];
const VMS_PER_ROOT: Record<Platform, number> = { VMware: 8, vCloud: 4, HyperV: 6 };
const ROOT_NAME: Record<Platform, (n: number) => string> = {
  VMware: (n) => `vcsa${n}.tech.local`,
  vCloud: (n) => `vcd${n}.tech.local`,
  HyperV: (n) => `hv-cluster${n}.tech.local`,
};
const VM_SUFFIX: Record<Platform, string> = { VMware: '', vCloud: '-vcd', HyperV: '-hv' };
const JOB_LABEL: Record<Platform, string> = { VMware: 'vSphere', vCloud: 'Cloud Director', HyperV: 'Hyper-V' };
/** History of restore points and sessions, in days before the clock start. */
export const HISTORY_DAYS = 90;
const POINT_EVERY_DAYS = 2;
const RUNNING_SESSIONS = 3;

export function backupServer(seed: number, i: number): BackupServer {
  const rng = new Rng(seed, 'BackupServer', i);
  const n = String(i + 1).padStart(2, '0');
  let thumbprint = '';
  for (let k = 0; k < 40; k++) thumbprint += rng.int(0, 15).toString(16).toUpperCase();
  return {
    id: guidFor(seed, 'BackupServer', i),
    name: `vbr${n}.tech.local`,
    description: i === 0 ? 'Main backup server' : `Backup server ${i + 1}`,
    port: 9392,
    version: VERSIONS[i % VERSIONS.length]!,
    wcfPort: 9405,
    thumbprint,
  };
}

export function objectRef(seed: number, platform: Platform, key: string, n: number): string {
  const rng = new Rng(seed, 'VmRef', key);
  switch (platform) {
    case 'VMware':
      return `vm-${1000 + n * 7 + rng.int(0, 6)}`;
    case 'HyperV':
      return rng.guid();
    case 'vCloud':
      return `urn:vcloud:vm:${rng.guid()}`;
  }
}

function vmsOf(seed: number, root: HierarchyRoot, serverNo: number): Vm[] {
  const vms: Vm[] = [];
  for (let i = 0; i < VMS_PER_ROOT[root.platform]; i++) {
    const name = `${ROLES[i % ROLES.length]}-${serverNo}${String(i + 1).padStart(2, '0')}${VM_SUFFIX[root.platform]}`;
    vms.push({ name, root, objectRef: objectRef(seed, root.platform, `${root.id}/${i}`, i) });
  }
  return vms;
}

/** Every other night per VM, weekly fulls, at the job's time plus a per-VM offset. */
export function restorePointsOf(seed: number, vm: Vm, vmIndex: number, serverNo: number, now: number): VmRestorePoint[] {
  const points: VmRestorePoint[] = [];
  const firstDay = Math.floor((now - (HISTORY_DAYS + 10) * DAY) / DAY);
  const lastDay = Math.floor(now / DAY);
  const jobHour = 20 + (vmIndex % 4);
  for (let day = firstDay + (vmIndex % POINT_EVERY_DAYS); day <= lastDay; day += POINT_EVERY_DAYS) {
    const key = `${vm.root.id}/${vm.objectRef}/${day}`;
    const rng = new Rng(seed, 'VmRestorePoint', key);
    const creationTime = day * DAY + jobHour * HOUR + rng.int(0, 40) * MINUTE + rng.int(0, 59_999);
    if (creationTime > now) break;
    const full = Math.floor(day / POINT_EVERY_DAYS) % 4 === 0;
    const algorithm: Algorithm = full ? rng.pick(['Full', 'SyntheticFull'] as const) : 'Incremental';
    const pointType: PointType = full ? 'Full' : 'Increment';
    const run = `${vm.root.id}/${day}`;
    const stamp = new Date(creationTime).toISOString().slice(0, 19).replace(/:/g, '');
    const suffix = new Rng(seed, 'BackupFile', run).int(0, 0xffff).toString(16).toUpperCase().padStart(4, '0');
    const backupFileName = `${JOB_LABEL[vm.root.platform]} Backup ${serverNo}D${stamp}_${suffix}.${full ? 'vbk' : 'vib'}`;
    points.push({
      id: guidFor(seed, 'VmRestorePoint', key),
      vm,
      backupServer: vm.root.backupServer,
      creationTime,
      algorithm,
      pointType,
      restorePointId: guidFor(seed, 'RestorePoint', run),
      backupFileId: guidFor(seed, 'BackupFile', run),
      backupFileName,
    });
  }
  return points;
}

export function restoreSessionName(jobType: RestoreJobType, vmName: string, creationTime: number): string {
  return jobType === 'FileLevelRestore'
    ? `FLR_[${vmName}]@${nameStamp(creationTime)}`
    : `${vmName}@${nameStamp(creationTime)}`;
}

function restoreSession(seed: number, i: number, now: number, pointsByVm: VmRestorePoint[][]): RestoreSession {
  const rng = new Rng(seed, 'RestoreSession', i);
  const jobType = rng.weighted<RestoreJobType>([
    ['RestoreVm', 55],
    ['FileLevelRestore', 45],
  ]);
  const running = i < RUNNING_SESSIONS;
  const creationTime = running
    ? now - rng.int(5 * MINUTE, 50 * MINUTE)
    : now - rng.int(HOUR, HISTORY_DAYS * DAY);
  const duration = running
    ? rng.int(2 * HOUR, 6 * HOUR)
    : jobType === 'FileLevelRestore'
      ? rng.int(3 * MINUTE, 2 * HOUR)
      : rng.int(4 * MINUTE, 90 * MINUTE);
  // Restore from one of the VM's points taken before the session began.
  const points = rng.pick(pointsByVm);
  const before = points.filter((p) => p.creationTime < creationTime);
  const point = before.length > 0 ? before[Math.max(0, before.length - 1 - rng.int(0, 6))]! : points[0]!;
  const result = rng.weighted<SessionResult>([
    ['Success', 80],
    ['Warning', 12],
    ['Failed', 8],
  ]);
  return {
    id: guidFor(seed, 'RestoreSession', i),
    name: restoreSessionName(jobType, point.vm.name, creationTime),
    jobType,
    vmRestorePoint: point,
    creationTime,
    endTime: creationTime + duration,
    result,
  };
}

/** Builds the whole environment from the seed and the clock start. Same inputs, same store. */
export function generate(opts: GenerateOptions): Store {
  const { seed, now } = opts;
  const store = new Store();
  const serverCount = opts.backupServers ?? 3;
  const pointsByVm: VmRestorePoint[][] = [];
  for (let s = 0; s < serverCount; s++) {
    const server = backupServer(seed, s);
    store.backupServers.add(server);
    for (const platform of PLATFORMS) {
      const root: HierarchyRoot = {
        id: guidFor(seed, 'HierarchyRoot', `${s}/${platform}`),
        name: ROOT_NAME[platform](s + 1),
        platform,
        backupServer: server,
      };
      store.hierarchyRoots.add(root);
      for (const vm of vmsOf(seed, root, s + 1)) {
        const points = restorePointsOf(seed, vm, store.vms.length, s + 1, now);
        store.vms.push(vm);
        pointsByVm.push(points);
        store.vmRestorePoints.addAll(points);
      }
    }
  }
  const sessions: RestoreSession[] = [];
  for (let i = 0; i < opts.restoreSessions; i++) sessions.push(restoreSession(seed, i, now, pointsByVm));
  store.restoreSessions.addAll(sessions);
  return store;
}
