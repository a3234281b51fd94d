/**
 * The simulated Veeam environment: plain records, no HTTP. Times are UTC epoch milliseconds.
 * Every object's GUID is its identity; its UID is `urn:veeam:<Type>:<guid>`.
 */

export type Platform = 'VMware' | 'vCloud' | 'HyperV';
export const PLATFORMS: readonly Platform[] = ['VMware', 'vCloud', 'HyperV'];

export interface BackupServer {
  id: string;
  name: string;
  description: string;
  port: number;
  version: string;
  wcfPort: number;
  thumbprint: string;
}

/** A virtualization hierarchy root: a vCenter, a Cloud Director or a Hyper-V host/SCVMM. */
export interface HierarchyRoot {
  id: string;
  name: string;
  platform: Platform;
  backupServer: BackupServer;
}

export interface Vm {
  name: string;
  root: HierarchyRoot;
  /** The platform's own id of the VM: `vm-123`, a GUID, or `urn:vcloud:vm:<guid>`. */
  objectRef: string;
}

export type Algorithm = 'Full' | 'Incremental' | 'ReversedIncremental' | 'SyntheticFull';
export type PointType = 'Full' | 'Increment' | 'ReverseIncrement';

export interface VmRestorePoint {
  id: string;
  vm: Vm;
  backupServer: BackupServer;
  creationTime: number;
  algorithm: Algorithm;
  pointType: PointType;
  /** The job run's restore point and backup file this VM point belongs to. */
  restorePointId: string;
  backupFileId: string;
  /** `<Job name>D<yyyy-MM-ddTHHmmss>_<4 hex>.vbk|.vib`, as Veeam names backup files. */
  backupFileName: string;
}

export type RestoreJobType = 'RestoreVm' | 'FileLevelRestore';
export type SessionResult = 'Success' | 'Warning' | 'Failed';

/**
 * A restore session as facts; what a client sees (State, Result, Progress, EndTimeUTC) is
 * derived from these and the clock, so a running session finishes when its time comes.
 */
export interface RestoreSession {
  id: string;
  name: string;
  jobType: RestoreJobType;
  vmRestorePoint: VmRestorePoint;
  creationTime: number;
  /** When it ends (or ended). */
  endTime: number;
  /** The result it ends with. */
  result: SessionResult;
}

export function uid(type: string, id: string): string {
  return `urn:veeam:${type}:${id}`;
}

/** The VM's HierarchyObjRef: `urn:<Platform>:Vm:<root guid>.<object ref>`. */
export function hierarchyObjRef(vm: Vm): string {
  return `urn:${vm.root.platform}:Vm:${vm.root.id}.${vm.objectRef}`;
}
