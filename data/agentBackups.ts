import type { Collection } from './collection.js';
import { collectionOf, memoized } from './derived.js';
import { Rng, guidFor } from './random.js';
import { fileSizes, fileStamp, pathIn } from './runs.js';
import { sqlDatetime } from './time.js';
import type {
  AgentBackupJob,
  AgentPlatform,
  AgentRestorePoint,
  Backup,
  BackupFile,
  BackupServer,
  DiscoveredComputer,
  Repository,
  RestorePoint,
} from './model.js';

/**
 * What agent backup runs wrote, as EM shows it under /backups, /restorePoints and /backupFiles:
 * a backup per agent job (`ParentBackup`) holding one backup per computer (`ChildBackup`), and
 * for every agent restore point a restore point and a backup file in its computer's backup.
 *
 * Nothing here is stored: each object follows from an agent job or an agent restore point (its
 * id too), built when first asked for and kept while its source lives. So a run added to
 * `store.agentRestorePoints` later shows up everywhere, and start-up makes none of them.
 */

/** An agent job's backup (`ParentBackup`), or one computer's backup inside it (`ChildBackup`). */
export interface AgentBackup {
  id: string;
  name: string;
  job: AgentBackupJob;
  repository: Repository;
  backupServer: BackupServer;
  platform: AgentPlatform;
  /** The computer a ChildBackup holds; undefined on the ParentBackup. */
  computer: DiscoveredComputer | undefined;
  /** A ChildBackup's ParentBackup; undefined on the ParentBackup. */
  parent: AgentBackup | undefined;
}

/** The restore point an agent run left in a computer's backup: one per agent restore point. */
export interface AgentBackupPoint {
  id: string;
  backup: AgentBackup;
  agentPoint: AgentRestorePoint;
  creationTime: number;
  backupFile: AgentBackupFile;
}

export interface AgentBackupFile extends Omit<BackupFile, 'backup' | 'restorePoint'> {
  backup: AgentBackup;
  restorePoint: AgentBackupPoint;
}

/** What /backups, /restorePoints and /backupFiles list: VM jobs' and agent jobs' alike. */
export type AnyBackup = Backup | AgentBackup;
export type AnyRestorePoint = RestorePoint | AgentBackupPoint;
export type AnyBackupFile = BackupFile | AgentBackupFile;

export const isAgentBackup = (b: AnyBackup): b is AgentBackup => 'computer' in b;
export const isAgentPoint = (p: AnyRestorePoint): p is AgentBackupPoint => 'agentPoint' in p;
export const isAgentFile = (f: AnyBackupFile): f is AgentBackupFile => isAgentBackup(f.backup);

// Derived objects are kept per source object: the same object on every request, so its
// rendering is cached (src/repr/renderCache.ts), and dropped with its source.
const parents = new WeakMap<AgentBackupJob, AgentBackup>();
const children = new WeakMap<AgentBackup, Map<string, AgentBackup>>();
const points = new WeakMap<AgentRestorePoint, AgentBackupPoint>();

/** The job's ParentBackup, named as the job (the docs' `Agent Backup Job 1`). */
export function parentBackupOf(job: AgentBackupJob): AgentBackup {
  let backup = parents.get(job);
  if (!backup) {
    backup = {
      id: guidFor(0, 'AgentParentBackup', job.id),
      name: job.name,
      job,
      repository: job.repository,
      backupServer: job.backupServer,
      platform: job.platform,
      computer: undefined,
      parent: undefined,
    };
    parents.set(job, backup);
  }
  return backup;
}

/** A computer's ChildBackup in the job's backup: `<job> - <computer>` (the docs' `Agent Backup Job 1 - enterprise05.tech.local`). */
export function childBackupOf(job: AgentBackupJob, computer: DiscoveredComputer): AgentBackup {
  const parent = parentBackupOf(job);
  let byComputer = children.get(parent);
  if (!byComputer) children.set(parent, (byComputer = new Map()));
  let backup = byComputer.get(computer.id);
  if (!backup) {
    backup = {
      ...parent,
      id: guidFor(0, 'AgentChildBackup', `${job.id}/${computer.id}`),
      name: `${job.name} - ${computer.name}`,
      computer,
      parent,
    };
    byComputer.set(computer.id, backup);
  }
  return backup;
}

const GB = 1024 ** 3;

/**
 * The restore point and backup file behind an agent restore point. The run opens them a little
 * before the agent's snapshot, as in the docs' samples (point `Dec 18 2025  3:01AM`, file stamped
 * 03:01:09, agent point 03:02:29); a file is named `<child backup>_<4 hex>D<stamp>.vbk|vib`.
 */
export function backupPointOf(agentPoint: AgentRestorePoint): AgentBackupPoint {
  const known = points.get(agentPoint);
  if (known) return known;
  const { session, computer } = agentPoint;
  const backup = childBackupOf(session.job, computer);
  const rng = new Rng(0, 'AgentBackupFile', agentPoint.id);
  const creationTime = sqlDatetime(Math.max(session.creationTime, agentPoint.creationTime - rng.int(30_000, 90_000)));
  const full = agentPoint.pointType === 'Full';
  const fileType = full ? 'vbk' : 'vib';
  const name = `${backup.name}_${rng.int(0, 0xffff).toString(16).toUpperCase().padStart(4, '0')}D${fileStamp(creationTime)}.${fileType}`;
  // A computer's used disk space, the same on every run.
  const dataSize = new Rng(0, 'AgentComputerData', computer.id).int(40, 400) * GB;
  const point: AgentBackupPoint = {
    id: guidFor(0, 'AgentBackupPoint', agentPoint.id),
    backup,
    agentPoint,
    creationTime,
    // The point and its file refer to each other; set just below.
    backupFile: null!,
  };
  point.backupFile = {
    id: guidFor(0, 'AgentBackupFile', agentPoint.id),
    name,
    backup,
    restorePoint: point,
    creationTime,
    filePath: pathIn(backup.repository, backup.job.name, name),
    ...fileSizes(rng, dataSize, full),
    fileType,
  };
  points.set(agentPoint, point);
  return point;
}

/** The agent backups, their restore points and files, each in its own collection (time-ordered but backups). */
export interface AgentBackupViews {
  backups: Collection<AgentBackup>;
  restorePoints: Collection<AgentBackupPoint>;
  backupFiles: Collection<AgentBackupFile>;
}

/**
 * Every backup agent runs wrote into: per job (in the store's order) its ParentBackup and the
 * ChildBackups of its computers that have a point; then those of points whose job or computer
 * is gone, so what was written stays listed (as a deleted VM job's backup does).
 */
function agentBackupsOf(jobs: readonly AgentBackupJob[], agentPoints: readonly AgentRestorePoint[]): AgentBackup[] {
  const backedUp = new Set(agentPoints.map((p) => childBackupOf(p.session.job, p.computer).id));
  const listed = new Map<string, AgentBackup>();
  const add = (b: AgentBackup) => listed.has(b.id) || listed.set(b.id, b);
  for (const job of jobs) {
    for (const computer of job.computers) {
      const child = childBackupOf(job, computer);
      if (!backedUp.has(child.id)) continue;
      add(parentBackupOf(job));
      add(child);
    }
  }
  for (const p of agentPoints) {
    add(parentBackupOf(p.session.job));
    add(childBackupOf(p.session.job, p.computer));
  }
  return [...listed.values()];
}

const created = (x: { creationTime: number }) => x.creationTime;

/** Rebuilt when agent jobs or points change: a few arrays over objects that are kept. */
export const agentBackupViews = memoized(
  (store): AgentBackupViews => {
    const agentPoints = store.agentRestorePoints.all();
    const restorePoints = agentPoints.map(backupPointOf);
    return {
      backups: collectionOf(agentBackupsOf(store.agentBackupJobs.all(), agentPoints)),
      restorePoints: collectionOf(restorePoints, created),
      backupFiles: collectionOf(
        restorePoints.map((p) => p.backupFile),
        created,
      ),
    };
  },
  (store) => [store.agentBackupJobs, store.agentRestorePoints],
);

/** The VM and agent backups, restore points and files together: what the generic collections list. */
export interface AllBackups {
  backups: Collection<AnyBackup>;
  restorePoints: Collection<AnyRestorePoint>;
  backupFiles: Collection<AnyBackupFile>;
}

export const allBackups = memoized(
  (store): AllBackups => {
    const agent = agentBackupViews(store);
    return {
      backups: collectionOf<AnyBackup>([...store.backups.all(), ...agent.backups.all()]),
      restorePoints: collectionOf<AnyRestorePoint>(
        [...store.restorePoints.all(), ...agent.restorePoints.all()],
        created,
      ),
      backupFiles: collectionOf<AnyBackupFile>([...store.backupFiles.all(), ...agent.backupFiles.all()], created),
    };
  },
  (store) => [store.agentBackupJobs, store.agentRestorePoints, store.backups, store.restorePoints, store.backupFiles],
);
