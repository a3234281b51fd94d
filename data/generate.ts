import { Rng, guidFor } from './random.js';
import { Deferred, runNow, type Steps } from './steps.js';
import { DAY, HOUR, MINUTE, nameStamp, sqlDatetime } from './time.js';
import { Store, created } from './store.js';
import { Collection } from './collection.js';
import type {
  AnyBackupSession,
  BackupServer,
  HierarchyRoot,
  Job,
  Platform,
  Repository,
  RepositoryKind,
  RestoreJobType,
  RestoreSession,
  SessionResult,
  Vm,
  VmRestorePoint,
} from './model.js';
import { PLATFORMS, UNKNOWN_CAPACITY } from './model.js';
import { jobsOf, type ServerRepositories } from './jobs.js';
import { jobHistory, type JobHistory } from './runs.js';
import {
  agentBackupJobsOf,
  agentRestorePointsOf,
  discoveredComputersOf,
  nasJobOf,
  protectionGroupsOf,
} from './agents.js';
import { HAND_MADE_SITES, estateSize, type EstateSize } from './estate.js';
import { fake } from './fake.js';

export interface GenerateOptions {
  seed: number;
  /** The clock's start: history is laid out before it. */
  now: number;
  restoreSessions: number;
  /** The size of the generated estate (default: the medium preset); its inventory part is ignored when an inventory is given. */
  estate?: EstateSize;
  /** A given estate (from a dataset file) instead of the generated one. */
  inventory?: ServerInventory[];
}

/** Real release strings (clients look them up in fixed tables). */
const VERSIONS = ['12.1.1.56', '12.0.0.1420 P20230718', '11.0.1.1261 P20220302', '12.3.2.3617'];
const ROLES = ['web', 'app', 'sql', 'file', 'dc', 'mail', 'build', 'proxy'];
/** A root's host name; a second root of a platform on the same server is `<name>-2`, and so on. */
const ROOT_NAME: Record<Platform, (n: string) => string> = {
  VMware: (n) => `vcsa${n}.tech.local`,
  vCloud: (n) => `vcd${n}.tech.local`,
  HyperV: (n) => `hv-cluster${n}.tech.local`,
};
const VM_SUFFIX: Record<Platform, string> = { VMware: '', vCloud: '-vcd', HyperV: '-hv' };
/** Jobs have run a little longer than the history, so the oldest restore session has points to restore from. */
const JOB_HISTORY_EXTRA_DAYS = 10;
const RUNNING_SESSIONS = 3;
const GB = 1024 ** 3;

export function backupServer(seed: number, i: number): BackupServer {
  const rng = new Rng(seed, 'BackupServer', i);
  const n = String(i + 1).padStart(2, '0');
  let thumbprint = '';
  for (let k = 0; k < 40; k++) thumbprint += rng.int(0, 15).toString(16).toUpperCase();
  return {
    id: guidFor(seed, 'BackupServer', i),
    name: `vbr${n}.tech.local`,
    description:
      i === 0
        ? 'Main backup server'
        : i < HAND_MADE_SITES
          ? `Backup server ${i + 1}`
          : fake(
              seed,
              `BackupServer/${i}`,
              'description',
              (f) =>
                `Backup server of the ${f.location.city()} ${f.helpers.arrayElement(['office', 'data center', 'branch', 'plant'])}`,
            ),
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

/** Provisioned disk size of the i-th VM of a root. */
export function vmSize(seed: number, root: HierarchyRoot, i: number): number {
  return new Rng(seed, 'VmSize', `${root.id}/${i}`).int(16, 200) * GB;
}

/**
 * The VMs of a root: `<role>-<server no><number>`, numbered across the server's roots of the
 * platform with a fixed width (two digits in the medium estate), so names stay unique at any size.
 */
function vmsOf(seed: number, root: HierarchyRoot, serverNo: number, estate: EstateSize, twin: number): Vm[] {
  const vms: Vm[] = [];
  const perRoot = estate.vmsPerRoot[root.platform];
  const width = Math.max(2, String(perRoot * estate.rootsPerPlatform).length);
  for (let i = 0; i < perRoot; i++) {
    const k = twin * perRoot + i;
    const name = `${ROLES[k % ROLES.length]}-${serverNo}${String(k + 1).padStart(width, '0')}${VM_SUFFIX[root.platform]}`;
    vms.push({
      name,
      root,
      objectRef: objectRef(seed, root.platform, `${root.id}/${i}`, i),
      sizeBytes: vmSize(seed, root, i),
    });
  }
  return vms;
}

const REPOSITORIES: { key: keyof ServerRepositories; name: string; kind: RepositoryKind; path: string }[] = [
  { key: 'defaultRepo', name: 'Default Backup Repository', kind: 'WindowsLocal', path: 'C:\\Backup' },
  { key: 'volume', name: 'Backup Volume 01', kind: 'WindowsLocal', path: 'E:\\Backups' },
  { key: 'copy', name: 'Linux Hardened Repository', kind: 'LinuxLocal', path: '/mnt/veeam/backups' },
];

/** A repository folder as admins name them: a data drive or a mount point, a folder, sometimes numbered. */
function repositoryPath(seed: number, serverIndex: number, kind: RepositoryKind, key: string): string {
  return fake(seed, `Repository/${serverIndex}/${key}`, 'path', (f) => {
    const folder = f.helpers.arrayElement(['Backups', 'VeeamBackup', 'Backup', 'Repository', 'VBR']);
    const no =
      f.helpers.maybe(() => String(f.number.int({ min: 1, max: 4 })).padStart(2, '0'), { probability: 0.4 }) ?? '';
    return kind === 'LinuxLocal'
      ? `/${f.helpers.arrayElement(['mnt', 'srv', 'data'])}/${f.helpers.arrayElement(['veeam', 'backup', 'repo'])}/${folder.toLowerCase()}${no}`
      : `${f.helpers.arrayElement(['D', 'E', 'F', 'R', 'V'])}:\\${folder}${no}`;
  });
}

function repositoriesOf(seed: number, server: BackupServer, serverIndex: number): ServerRepositories {
  const repos = {} as ServerRepositories;
  for (const r of REPOSITORIES) {
    repos[r.key] = {
      id: guidFor(seed, 'Repository', `${serverIndex}/${r.key}`),
      name: r.name,
      kind: r.kind,
      backupServer: server,
      path: serverIndex < HAND_MADE_SITES ? r.path : repositoryPath(seed, serverIndex, r.kind, r.key),
      capacity: 0,
      otherData: new Rng(seed, 'Repository', `${serverIndex}/${r.key}`).int(5, 120) * GB,
      backupSize: 0,
    };
  }
  return repos;
}

/**
 * A storage-snapshot-only repository: it holds no backup files, and EM reports its capacity and
 * free space as -1 (the docs' /reports/summary/repository sample, "NetApp SnapShot").
 */
function snapshotRepositoryOf(seed: number, server: BackupServer): Repository {
  return {
    id: guidFor(seed, 'Repository', 'snapshot'),
    name: 'Storage Snapshots',
    kind: 'SanSnapshotOnly',
    backupServer: server,
    path: '',
    capacity: UNKNOWN_CAPACITY,
    otherData: 0,
    backupSize: 0,
  };
}

/** Sized after the fact, as an admin would: room for what it holds plus 40–160% headroom, in 256 GiB steps. */
function size(seed: number, repo: Repository): void {
  const used = repo.backupSize + repo.otherData;
  const headroom = 1.4 + new Rng(seed, 'RepositorySize', repo.id).next() * 1.2;
  const step = 256 * GB;
  repo.capacity = Math.ceil((used * headroom) / step) * step;
}

export function restoreSessionName(jobType: RestoreJobType, vmName: string, creationTime: number): string {
  return jobType === 'FileLevelRestore'
    ? `FLR_[${vmName}]@${nameStamp(creationTime)}`
    : `${vmName}@${nameStamp(creationTime)}`;
}

/** How many of `points` (oldest first) were created before `t`: a binary search. */
function pointsBefore(points: readonly VmRestorePoint[], t: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (points[mid]!.creationTime < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function restoreSession(
  seed: number,
  i: number,
  now: number,
  historyDays: number,
  pointsByVm: VmRestorePoint[][],
): RestoreSession {
  const rng = new Rng(seed, 'RestoreSession', i);
  const jobType = rng.weighted<RestoreJobType>([
    ['RestoreVm', 55],
    ['FileLevelRestore', 45],
  ]);
  const running = i < RUNNING_SESSIONS;
  const creationTime = running ? now - rng.int(5 * MINUTE, 50 * MINUTE) : now - rng.int(HOUR, historyDays * DAY);
  const duration = running
    ? rng.int(2 * HOUR, 6 * HOUR)
    : jobType === 'FileLevelRestore'
      ? rng.int(3 * MINUTE, 2 * HOUR)
      : rng.int(4 * MINUTE, 90 * MINUTE);
  // Restore from one of the VM's points taken before the session began.
  const points = rng.pick(pointsByVm);
  // The points are in time order: count those before the session instead of copying them (at a
  // million sessions the copies were most of start-up).
  const before = pointsBefore(points, creationTime);
  const point = before > 0 ? points[Math.max(0, before - 1 - rng.int(0, 6))]! : points[0]!;
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

/** What a backup server protects: its hierarchy roots and their VMs. Jobs and history derive from it. */
export interface ServerInventory {
  server: BackupServer;
  roots: { root: HierarchyRoot; vms: Vm[] }[];
}

/** The generated estate: every server with vCenters, Cloud Directors and Hyper-V clusters. */
export function generatedInventory(seed: number, estate: EstateSize): ServerInventory[] {
  return Array.from({ length: estate.backupServers }, (_, s) => {
    const server = backupServer(seed, s);
    const roots: ServerInventory['roots'] = [];
    for (let twin = 0; twin < estate.rootsPerPlatform; twin++) {
      for (const platform of PLATFORMS) {
        const root: HierarchyRoot = {
          id: guidFor(seed, 'HierarchyRoot', twin === 0 ? `${s}/${platform}` : `${s}/${platform}/${twin}`),
          name: ROOT_NAME[platform](twin === 0 ? `${s + 1}` : `${s + 1}-${twin + 1}`),
          platform,
          backupServer: server,
        };
        roots.push({ root, vms: vmsOf(seed, root, s + 1, estate, twin) });
      }
    }
    return { server, roots };
  });
}

/** Puts a generated object's instants on SQL Server's `datetime` grid, as EM reads them back. */
function onSqlGrid(x: { creationTime: number; endTime?: number }): void {
  x.creationTime = sqlDatetime(x.creationTime);
  if (x.endTime !== undefined) x.endTime = sqlDatetime(x.endTime);
}

/** Restore sessions generated between two pauses of `generateSteps`. */
const RESTORE_SESSIONS_PER_STEP = 5000;

/**
 * Builds the whole environment from the seed and the clock start: the inventory (generated, or
 * given by a dataset file), then jobs, their history and the restore sessions. Same inputs, same store.
 */
export function generate(opts: GenerateOptions): Store {
  return runNow(generateSteps(opts));
}

/** `generate` in steps: it pauses after each site, each job's history and every few thousand restore sessions. */
export function* generateSteps(opts: GenerateOptions): Steps<Store> {
  const store = yield* estateSteps(opts);
  yield* store.complete();
  return store;
}

/** One site as the history needs it. */
interface Site {
  server: BackupServer;
  repos: ServerRepositories;
  jobs: Job[];
}

/**
 * The estate (sites, inventory, jobs, file share and agent jobs with their runs) with the history
 * of the VM jobs deferred: it is built on the first use of a collection it fills (or by
 * `store.complete()`), with the same objects in the same order as if built up front. Most of the
 * objects are that history: a start-up that waits for none of it is several times shorter.
 */
export function* estateSteps(opts: GenerateOptions): Steps<Store> {
  const { seed, now } = opts;
  const store = new Store();
  const estate = opts.estate ?? estateSize();
  const inventory = opts.inventory ?? generatedInventory(seed, estate);
  const sites: Site[] = [];
  /** File share and agent runs, listed with the VM jobs' under /backupSessions. */
  const others: AnyBackupSession[] = [];
  for (const [s, { server, roots }] of inventory.entries()) {
    store.backupServers.add(server);
    for (const { root, vms } of roots) {
      store.hierarchyRoots.add(root);
      for (const vm of vms) store.vms.push(vm);
    }
    const repos = repositoriesOf(seed, server, s);
    const jobs = jobsOf(seed, server, s, roots, repos, now);
    for (const job of jobs) {
      store.jobs.add(job);
      if (job.backup) store.backups.add(job.backup);
    }
    sites.push({ server, repos, jobs });
    const nas = nasJobOf(seed, server, s, repos.defaultRepo, now - estate.historyDays * DAY, now);
    store.nasJobs.add(nas);
    store.fileServers.add(nas.fileServer);
    nas.sessions.forEach(onSqlGrid);
    store.nasBackupSessions.addAll(nas.sessions);
    for (const session of nas.sessions) others.push(session);
    const computers = discoveredComputersOf(seed, server, s);
    for (const c of computers) store.discoveredComputers.add(c);
    for (const g of protectionGroupsOf(seed, server, s, computers)) store.protectionGroups.add(g);
    for (const j of agentBackupJobsOf(seed, server, s, computers, now - estate.historyDays * DAY, now)) {
      store.agentBackupJobs.add(j);
      j.sessions.forEach(onSqlGrid);
      store.agentBackupSessions.addAll(j.sessions);
      const points = agentRestorePointsOf(seed, j);
      points.forEach(onSqlGrid);
      store.agentRestorePoints.addAll(points);
      for (const session of j.sessions) others.push(session);
    }
    yield;
  }
  const from = now - (estate.jobRunDays ?? estate.historyDays + JOB_HISTORY_EXTRA_DAYS) * DAY;
  const span = { seed, now, from };
  // Backups, their restore points and the restores from them depend on each other (and size the
  // repositories); replication runs depend on nothing else, so a client that never lists them
  // never pays for them.
  const backups = new Deferred(backupHistorySteps(span, sites, others, opts.restoreSessions, estate.historyDays));
  const replicas = new Deferred(replicaHistorySteps(span, sites));
  store.defer(backups);
  store.defer(replicas);
  store.repositories.defer(() => backups.get().repositories);
  store.backupSessions.defer(() => backups.get().backupSessions);
  store.backupTaskSessions.defer(() => backups.get().backupTaskSessions);
  store.restorePoints.defer(() => backups.get().restorePoints);
  store.backupFiles.defer(() => backups.get().backupFiles);
  store.vmRestorePoints.defer(() => backups.get().vmRestorePoints);
  store.restoreSessions.defer(() => backups.get().restoreSessions);
  store.replicaSessions.defer(() => replicas.get().replicaSessions);
  store.replicaTaskSessions.defer(() => replicas.get().replicaTaskSessions);
  return store;
}

/** The instants and seed every run is generated from. */
interface Span {
  seed: number;
  now: number;
  /** The first instant a job may have run. */
  from: number;
}

function emptyHistory(): JobHistory {
  return { sessions: [], tasks: [], restorePoints: [], backupFiles: [], vmRestorePoints: [] };
}

/** A collection of generated objects: on SQL's grid first, so what a client filters on is what it was shown. */
function collectionOf<T extends { id: string; creationTime: number; endTime?: number }>(items: T[]): Collection<T> {
  const c = new Collection<T>(created);
  for (const x of items) onSqlGrid(x);
  c.addAll(items);
  return c;
}

/** The runs of the backup and backup copy jobs, the repositories they fill, and the restores from them. */
function* backupHistorySteps(
  { seed, now, from }: Span,
  sites: Site[],
  others: AnyBackupSession[],
  restoreSessions: number,
  historyDays: number,
) {
  const history = emptyHistory();
  for (const { jobs } of sites) {
    for (const [j, job] of jobs.entries()) {
      if (job.jobType === 'Replica') continue;
      jobHistory(seed, job, j, from, now, history);
      yield;
    }
  }
  const repositories = new Collection<Repository>();
  for (const [s, { server, repos }] of sites.entries()) {
    for (const repo of Object.values(repos)) {
      size(seed, repo);
      repositories.add(repo);
    }
    // The first server also has a storage snapshot repository, so clients meet EM's unknown capacity.
    if (s === 0) repositories.add(snapshotRepositoryOf(seed, server));
  }
  const backupTaskSessions = collectionOf(history.tasks);
  const restorePoints = collectionOf(history.restorePoints);
  const backupFiles = collectionOf(history.backupFiles);
  const vmRestorePoints = collectionOf(history.vmRestorePoints);
  for (const x of history.sessions) onSqlGrid(x);
  const backupSessions = new Collection<AnyBackupSession>(created);
  backupSessions.addAll(history.sessions);
  backupSessions.addAll(others);
  yield;

  // Restores come from the primary backups (not copies), from points that exist at the clock start.
  const pointsByVm = new Map<Vm, VmRestorePoint[]>();
  for (const p of history.vmRestorePoints) {
    if (p.restorePoint.backup.job.jobType !== 'Backup' || p.creationTime > now) continue;
    const list = pointsByVm.get(p.vm) ?? [];
    if (list.length === 0) pointsByVm.set(p.vm, list);
    list.push(p);
  }
  const candidates = [...pointsByVm.values()].map((l) => l.sort((a, b) => a.creationTime - b.creationTime));
  const sessions: RestoreSession[] = [];
  for (let i = 0; i < restoreSessions; i++) {
    const session = restoreSession(seed, i, now, historyDays, candidates);
    onSqlGrid(session);
    sessions.push(session);
    if (i % RESTORE_SESSIONS_PER_STEP === RESTORE_SESSIONS_PER_STEP - 1) yield;
  }
  return {
    repositories,
    backupSessions,
    backupTaskSessions,
    restorePoints,
    backupFiles,
    vmRestorePoints,
    restoreSessions: collectionOf(sessions),
  };
}

/** The runs of the replication jobs. */
function* replicaHistorySteps({ seed, now, from }: Span, sites: Site[]) {
  const history = emptyHistory();
  for (const { jobs } of sites) {
    for (const [j, job] of jobs.entries()) {
      if (job.jobType !== 'Replica') continue;
      jobHistory(seed, job, j, from, now, history);
      yield;
    }
  }
  for (const x of history.sessions) onSqlGrid(x);
  return {
    replicaSessions: collectionOf(history.sessions),
    replicaTaskSessions: collectionOf(history.tasks),
  };
}
