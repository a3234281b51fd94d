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
  /** Provisioned size of its disks, bytes. */
  sizeBytes: number;
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
  restorePoint: RestorePoint;
  backupFile: BackupFile;
}

/**
 * `SanSnapshotOnly`: a storage-snapshot-only repository (VBR's own type name; EM's docs show no Kind
 * for one), which writes no backup files and whose capacity EM cannot tell.
 */
export type RepositoryKind = 'WindowsLocal' | 'LinuxLocal' | 'SanSnapshotOnly';

/** The capacity (and free space) EM reports for a repository whose size it cannot tell (docs' report sample). */
export const UNKNOWN_CAPACITY = -1;

/** A backup repository; what its backup files take is subtracted from its free space. */
export interface Repository {
  id: string;
  name: string;
  kind: RepositoryKind;
  backupServer: BackupServer;
  /** Folder backup files are written under. */
  path: string;
  capacity: number;
  /** Bytes used by anything but the mock's backup files (OS, other data). */
  otherData: number;
  /** Bytes of the backup files it holds (sum of BackupFile.backupSize). */
  backupSize: number;
}

export type JobType = 'Backup' | 'BackupCopy' | 'Replica';

/** When a job runs: every `periodMs`, starting `offsetMs` after UTC midnight. */
export interface Schedule {
  periodMs: number;
  offsetMs: number;
}

export interface Job {
  id: string;
  name: string;
  jobType: JobType;
  platform: Platform;
  backupServer: BackupServer;
  description: string;
  vms: Vm[];
  schedule: Schedule;
  /** Backup and BackupCopy jobs write into a backup (undefined for replicas). */
  backup: Backup | undefined;
  /** False once toggleScheduleEnabled turned it off (absent: enabled). */
  scheduleEnabled?: boolean;
  /** The suffix a replication job gives its replicas (set on clones; absent: EM's default). */
  vmSuffix?: string;
  /** The job a BackupCopy job copies the backups of. */
  source?: Job;
}

/** The chain of backup files a Backup or BackupCopy job writes. */
export interface Backup {
  id: string;
  name: string;
  job: Job;
  repository: Repository;
  backupServer: BackupServer;
  platform: Platform;
}

export type SessionResult = 'Success' | 'Warning' | 'Failed';

/** Fields every job session shares (backup, replica and NAS job sessions). */
export interface JobRun {
  id: string;
  name: string;
  creationTime: number;
  /** When it ends (or ended): before the clock it is finished, after it still running. */
  endTime: number;
  /** The result it ends with. */
  result: SessionResult;
  isRetry: boolean;
}

/** A backup (or backup copy) or replica job session; its tasks process one VM each. */
export interface JobSession extends JobRun {
  job: Job;
  tasks: TaskSession[];
  /** The restore point a backup run created (when at least one VM succeeded). */
  restorePoint: RestorePoint | undefined;
}

export interface TaskSession {
  id: string;
  session: JobSession;
  vm: Vm;
  creationTime: number;
  endTime: number;
  result: SessionResult;
  /** Why it warned or failed; empty on success. */
  reason: string;
  totalSize: number;
  vmRestorePoint: VmRestorePoint | undefined;
}

/** One job run's point in time within a backup. */
export interface RestorePoint {
  id: string;
  backup: Backup;
  session: JobSession;
  creationTime: number;
  vmRestorePoints: VmRestorePoint[];
  backupFile: BackupFile;
}

export interface BackupFile {
  id: string;
  /** `<Job name>D<yyyy-MM-ddTHHmmss>_<4 hex>.vbk|.vib`, as Veeam names backup files. */
  name: string;
  backup: Backup;
  restorePoint: RestorePoint;
  creationTime: number;
  filePath: string;
  backupSize: number;
  dataSize: number;
  deduplicationRatio: number;
  compressRatio: number;
  fileType: 'vbk' | 'vib';
}

export interface DiscoveredComputer {
  id: string;
  name: string;
  backupServer: BackupServer;
  hostStatus: 'Online' | 'Offline' | 'Unknown';
  agentVersion: string;
  agentStatus: 'Installed' | 'Warning' | 'Inaccessible' | 'Not Installed' | 'NotInitialized';
  osVersion: string;
  ipAddress: string;
  /** The agent protection group that found it. */
  protectionGroup?: AgentProtectionGroup;
}

/** An Agent Management protection group: the computers of one OS on one backup server. */
export interface AgentProtectionGroup {
  id: string;
  name: string;
  backupServer: BackupServer;
  platform: AgentPlatform;
  computers: DiscoveredComputer[];
}

export type AgentPlatform = 'AgentForWindows' | 'AgentForLinux';

/** A Veeam Agent backup job (Agent Management) protecting discovered computers of one OS. */
export interface AgentBackupJob {
  id: string;
  name: string;
  backupServer: BackupServer;
  description: string;
  platform: AgentPlatform;
  computers: DiscoveredComputer[];
  /** Where its backups go: the backup server's default repository, as for the file share job. */
  repository: Repository;
  schedule: Schedule;
  /** The generated history; runs started by actions are only in the store's collections. */
  sessions: AgentBackupSession[];
  /** False once toggleScheduleEnabled turned it off (absent: enabled). */
  scheduleEnabled?: boolean;
}

/** A file share a NAS job backs up (EM's FileServer, an SMB share here). */
export interface FileServer {
  id: string;
  /** The share's path, which is also its name: `\\\\fs1.tech.local\\share`. */
  path: string;
  backupServer: BackupServer;
  /** Where changed files are cached between runs. */
  cacheRepository: Repository;
  credentialsId: string;
}

export interface NasJob {
  id: string;
  name: string;
  backupServer: BackupServer;
  description: string;
  repository: Repository;
  share: string;
  fileServer: FileServer;
  schedule: Schedule;
  sessions: NasBackupSession[];
  /** False once toggleScheduleEnabled turned it off (absent: enabled). */
  scheduleEnabled?: boolean;
}

export interface NasBackupSession extends JobRun {
  job: NasJob;
}

/** A run of a Veeam Agent backup job (EM lists it as a BackupJobSession of JobType AgentBackup). */
export interface AgentBackupSession extends JobRun {
  job: AgentBackupJob;
}

/** The point an agent backup run left for one computer (`/agents/agentRestorePoints`). */
export interface AgentRestorePoint {
  id: string;
  computer: DiscoveredComputer;
  session: AgentBackupSession;
  creationTime: number;
  algorithm: Algorithm;
  pointType: PointType;
}

/** What `/backupSessions` lists: sessions of VM backup (and copy) jobs, file share jobs and agent jobs. */
export type AnyBackupSession = JobSession | NasBackupSession | AgentBackupSession;

/** A session of a VM backup or backup copy job (the only kind with task sessions per VM). */
export const isVmSession = (s: AnyBackupSession): s is JobSession => 'tasks' in s;
export const isNasSession = (s: AnyBackupSession): s is NasBackupSession => 'share' in s.job;

export type RestoreJobType = 'RestoreVm' | 'FileLevelRestore';

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

/**
 * A virtual-infrastructure object's HierarchyObjRef, EM's one form for every platform and type:
 * `urn:<Platform>:<Type>:<root guid>.<the platform's own id of the object>`.
 */
export function hierarchyRef(root: HierarchyRoot, type: string, objectRef: string): string {
  return `urn:${root.platform}:${type}:${root.id}.${objectRef}`;
}

/** The VM's HierarchyObjRef: `urn:<Platform>:Vm:<root guid>.<object ref>`. */
export function hierarchyObjRef(vm: Vm): string {
  return hierarchyRef(vm.root, 'Vm', vm.objectRef);
}
