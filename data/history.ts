import { Rng, guidFor } from './random.js';
import { Deferred } from './steps.js';
import { DAY, HOUR, MINUTE, nameStamp, sqlDatetime } from './time.js';
import { type Store, created } from './store.js';
import { Collection } from './collection.js';
import type {
  AnyBackupSession,
  BackupServer,
  Job,
  Repository,
  RestoreJobType,
  RestoreSession,
  SessionResult,
  Vm,
  VmRestorePoint,
} from './model.js';
import { UNKNOWN_CAPACITY } from './model.js';
import type { ServerRepositories } from './jobs.js';
import { jobHistory, type JobHistory } from './runs.js';
import {
  agentBackupJobsOf,
  agentRestorePointsOf,
  discoveredComputersOf,
  nasJobOf,
  protectionGroupsOf,
} from './agents.js';

/**
 * The generated history: what the jobs ran (sessions, tasks, restore points, backup files), the
 * repositories it fills and the restores from it, plus the file share and agent side. It is most
 * of the objects of an estate, so a store gets it deferred: built on the first use of a collection
 * it fills (or by `store.complete()`), the same objects in the same order as if built up front.
 */

const RUNNING_SESSIONS = 3;
const GB = 1024 ** 3;
/** Restore sessions generated between two pauses. */
const RESTORE_SESSIONS_PER_STEP = 5000;

/** One site (backup server) as its history needs it. */
export interface Site {
  server: BackupServer;
  /** Its position among the sites: seeds and names derive from it. */
  index: number;
  repos: ServerRepositories;
  jobs: Job[];
}

/** What every run is generated from. */
export interface Span {
  seed: number;
  /** The clock start: history lies before it. */
  now: number;
  /** The first instant a VM job may have run. */
  jobsFrom: number;
  /** Days of restore, file share and agent history. */
  historyDays: number;
  restoreSessions: number;
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

/** Puts a generated object's instants on SQL Server's `datetime` grid, as EM reads them back. */
function onSqlGrid(x: { creationTime: number; endTime?: number }): void {
  x.creationTime = sqlDatetime(x.creationTime);
  if (x.endTime !== undefined) x.endTime = sqlDatetime(x.endTime);
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

/** The file share and agent jobs of every site with their runs and points. */
function* fileShareAndAgentSteps({ seed, now, historyDays }: Span, sites: Site[]) {
  const from = now - historyDays * DAY;
  const nasJobs = new Collection<ReturnType<typeof nasJobOf>>();
  const fileServers = new Collection<ReturnType<typeof nasJobOf>['fileServer']>();
  const nasBackupSessions = new Collection<ReturnType<typeof nasJobOf>['sessions'][number]>(created);
  const discoveredComputers = new Collection<ReturnType<typeof discoveredComputersOf>[number]>();
  const protectionGroups = new Collection<ReturnType<typeof protectionGroupsOf>[number]>();
  const agentBackupJobs = new Collection<ReturnType<typeof agentBackupJobsOf>[number]>();
  const agentBackupSessions = new Collection<ReturnType<typeof agentBackupJobsOf>[number]['sessions'][number]>(created);
  const agentRestorePoints = new Collection<ReturnType<typeof agentRestorePointsOf>[number]>(created);
  /** Listed with the VM jobs' runs under /backupSessions. */
  const runs: AnyBackupSession[] = [];
  for (const { server, index: s, repos } of sites) {
    const nas = nasJobOf(seed, server, s, repos.defaultRepo, from, now);
    nasJobs.add(nas);
    fileServers.add(nas.fileServer);
    nas.sessions.forEach(onSqlGrid);
    nasBackupSessions.addAll(nas.sessions);
    for (const session of nas.sessions) runs.push(session);
    const computers = discoveredComputersOf(seed, server, s);
    for (const c of computers) discoveredComputers.add(c);
    for (const g of protectionGroupsOf(seed, server, s, computers)) protectionGroups.add(g);
    for (const j of agentBackupJobsOf(seed, server, s, computers, repos.defaultRepo, from, now)) {
      agentBackupJobs.add(j);
      j.sessions.forEach(onSqlGrid);
      agentBackupSessions.addAll(j.sessions);
      const points = agentRestorePointsOf(seed, j);
      points.forEach(onSqlGrid);
      agentRestorePoints.addAll(points);
      for (const session of j.sessions) runs.push(session);
    }
    yield;
  }
  return {
    nasJobs,
    fileServers,
    nasBackupSessions,
    discoveredComputers,
    protectionGroups,
    agentBackupJobs,
    agentBackupSessions,
    agentRestorePoints,
    runs,
  };
}

/** The runs of the backup and backup copy jobs, the repositories they fill, and the restores from them. */
function* backupSteps(span: Span, sites: Site[], others: () => readonly AnyBackupSession[]) {
  const { seed, now, jobsFrom } = span;
  const history = emptyHistory();
  for (const { jobs } of sites) {
    for (const [j, job] of jobs.entries()) {
      if (job.jobType === 'Replica') continue;
      jobHistory(seed, job, j, jobsFrom, now, history);
      yield;
    }
  }
  const repositories = new Collection<Repository>();
  for (const { server, index, repos } of sites) {
    for (const repo of Object.values(repos)) {
      size(seed, repo);
      repositories.add(repo);
    }
    // The first server also has a storage snapshot repository, so clients meet EM's unknown capacity.
    if (index === 0) repositories.add(snapshotRepositoryOf(seed, server));
  }
  const backupTaskSessions = collectionOf(history.tasks);
  const restorePoints = collectionOf(history.restorePoints);
  const backupFiles = collectionOf(history.backupFiles);
  const vmRestorePoints = collectionOf(history.vmRestorePoints);
  for (const x of history.sessions) onSqlGrid(x);
  const backupSessions = new Collection<AnyBackupSession>(created);
  backupSessions.addAll(history.sessions);
  backupSessions.addAll(others());
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
  for (let i = 0; i < span.restoreSessions; i++) {
    const session = restoreSession(seed, i, now, span.historyDays, candidates);
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

/** The runs of the replication jobs: nothing else depends on them. */
function* replicaSteps({ seed, now, jobsFrom }: Span, sites: Site[]) {
  const history = emptyHistory();
  for (const { jobs } of sites) {
    for (const [j, job] of jobs.entries()) {
      if (job.jobType !== 'Replica') continue;
      jobHistory(seed, job, j, jobsFrom, now, history);
      yield;
    }
  }
  for (const x of history.sessions) onSqlGrid(x);
  return {
    replicaSessions: collectionOf(history.sessions),
    replicaTaskSessions: collectionOf(history.tasks),
  };
}

/**
 * Defers the store's history to its first use, in three parts, so a client pays for what it
 * reads: the file share and agent side; the backups (which size the repositories and which the
 * restores restore from, so they go together; /backupSessions lists the first part's runs too);
 * the replication runs.
 */
export function deferHistory(store: Store, span: Span, sites: Site[]): void {
  const agents = new Deferred(fileShareAndAgentSteps(span, sites));
  const backups = new Deferred(backupSteps(span, sites, () => agents.get().runs));
  const replicas = new Deferred(replicaSteps(span, sites));
  store.defer(agents);
  store.defer(backups);
  store.defer(replicas);
  store.nasJobs.defer(() => agents.get().nasJobs);
  store.fileServers.defer(() => agents.get().fileServers);
  store.nasBackupSessions.defer(() => agents.get().nasBackupSessions);
  store.discoveredComputers.defer(() => agents.get().discoveredComputers);
  store.protectionGroups.defer(() => agents.get().protectionGroups);
  store.agentBackupJobs.defer(() => agents.get().agentBackupJobs);
  store.agentBackupSessions.defer(() => agents.get().agentBackupSessions);
  store.agentRestorePoints.defer(() => agents.get().agentRestorePoints);
  store.repositories.defer(() => backups.get().repositories);
  store.backupSessions.defer(() => backups.get().backupSessions);
  store.backupTaskSessions.defer(() => backups.get().backupTaskSessions);
  store.restorePoints.defer(() => backups.get().restorePoints);
  store.backupFiles.defer(() => backups.get().backupFiles);
  store.vmRestorePoints.defer(() => backups.get().vmRestorePoints);
  store.restoreSessions.defer(() => backups.get().restoreSessions);
  store.replicaSessions.defer(() => replicas.get().replicaSessions);
  store.replicaTaskSessions.defer(() => replicas.get().replicaTaskSessions);
}
