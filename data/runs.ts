import { Rng, guidFor } from './random.js';
import { DAY, MINUTE, nameStamp } from './time.js';
import type {
  BackupFile,
  Job,
  JobSession,
  Repository,
  RestorePoint,
  SessionResult,
  TaskSession,
  VmRestorePoint,
} from './model.js';
import { runTimes } from './jobs.js';

const SECOND = 1000;
const MB = 1024 * 1024;

/** Task reasons as the backup server words them. */
export const REASON: Record<SessionResult, string> = {
  Success: '',
  Warning: 'Changed block tracking cannot be enabled: one or more snapshots present.',
  Failed: 'Error: Failed to create VM snapshot. The operation is not allowed in the current state.',
};
export const SEVERITY: Record<SessionResult, number> = { Success: 0, Warning: 1, Failed: 2 };

/** Everything one job's history produced. */
export interface JobHistory {
  sessions: JobSession[];
  tasks: TaskSession[];
  restorePoints: RestorePoint[];
  backupFiles: BackupFile[];
  vmRestorePoints: VmRestorePoint[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** `yyyy-MM-ddTHHmmss`, the stamp in backup file names. */
export function fileStamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace(/:/g, '');
}

function taskDuration(rng: Rng, job: Job, full: boolean, sizeBytes: number): number {
  if (job.jobType === 'Backup' && full) return Math.round((sizeBytes / (180 * MB)) * SECOND * (0.7 + rng.next() * 0.6));
  if (job.jobType === 'BackupCopy') return rng.int(3 * MINUTE, 15 * MINUTE);
  if (job.jobType === 'Replica') return rng.int(2 * MINUTE, 8 * MINUTE);
  return rng.int(40 * SECOND, 6 * MINUTE);
}

/** One run of a job: its session, one task per VM processed in turn, and what the run wrote. */
function run(seed: number, job: Job, start: number, jobIndex: number, out: JobHistory): void {
  const key = `${job.id}/${start}`;
  const rng = new Rng(seed, 'JobSession', key);
  const creationTime = start + rng.int(SECOND, 90 * SECOND);
  const full = Math.floor(start / DAY) % 7 === jobIndex % 7;
  const session: JobSession = {
    id: guidFor(seed, 'JobSession', key),
    name: `${job.name}@${nameStamp(creationTime)}`,
    job,
    creationTime,
    endTime: 0,
    result: 'Success',
    isRetry: false,
    tasks: [],
    restorePoint: undefined,
  };
  let cursor = creationTime + rng.int(10 * SECOND, 40 * SECOND);
  job.vms.forEach((vm, i) => {
    const trng = new Rng(seed, 'TaskSession', `${key}/${i}`);
    const result = trng.weighted<SessionResult>([
      ['Success', 94],
      ['Warning', 4],
      ['Failed', 2],
    ]);
    const begin = cursor;
    const end = begin + taskDuration(trng, job, full, vm.sizeBytes);
    cursor = end + trng.int(2 * SECOND, 10 * SECOND);
    session.tasks.push({
      id: guidFor(seed, 'TaskSession', `${key}/${i}`),
      session,
      vm,
      creationTime: begin,
      endTime: end,
      result,
      reason: REASON[result],
      totalSize: vm.sizeBytes,
      vmRestorePoint: undefined,
    });
    if (SEVERITY[result] > SEVERITY[session.result]) session.result = result;
  });
  session.endTime = cursor + rng.int(5 * SECOND, 30 * SECOND);
  out.sessions.push(session);
  out.tasks.push(...session.tasks);
  const file = job.backup ? writeBackup(seed, session, full, out) : undefined;
  if (file) job.backup!.repository.backupSize += file.backupSize;
}

/** Where a backup file lies: `<repository folder>/<backup folder>/<file>`, with the repository's separator. */
export function pathIn(repository: Repository, folder: string, name: string): string {
  const sep = repository.kind === 'LinuxLocal' ? '/' : '\\';
  return `${repository.path}${sep}${folder}${sep}${name}`;
}

type FileSizes = Pick<BackupFile, 'backupSize' | 'dataSize' | 'deduplicationRatio' | 'compressRatio'>;

/** What a backup file of `dataSize` bytes of source takes, and its ratios (two draws from `rng`). */
export function fileSizes(rng: Rng, dataSize: number, full: boolean): FileSizes {
  // Fulls hold about half the source after compression; increments a few percent of it.
  const backupSize = Math.round((dataSize * (full ? 0.4 + rng.next() * 0.15 : 0.02 + rng.next() * 0.06)) / MB) * MB;
  // EM writes both ratios with two decimals (5.71 and 1.52 in the 13.1 backup sample) and their
  // product is about DataSize / BackupSize.
  const total = dataSize / backupSize;
  const compressRatio = round2(Math.min(1.3 + rng.next() * 0.9, total));
  return { backupSize, dataSize, deduplicationRatio: round2(Math.max(1, total / compressRatio)), compressRatio };
}

/**
 * The restore point, backup file and VM points a backup run leaves (if any VM succeeded); the
 * caller accounts the file's size to its repository.
 */
export function writeBackup(seed: number, session: JobSession, full: boolean, out: JobHistory): BackupFile | undefined {
  const backup = session.job.backup!;
  const done = session.tasks.filter((t) => t.result !== 'Failed');
  if (done.length === 0) return undefined;
  const key = session.id;
  const rng = new Rng(seed, 'BackupFile', key);
  const dataSize = done.reduce((s, t) => s + t.vm.sizeBytes, 0);
  const ext = full ? 'vbk' : 'vib';
  const name = `${backup.name}D${fileStamp(session.creationTime)}_${rng.int(0, 0xffff).toString(16).toUpperCase().padStart(4, '0')}.${ext}`;
  const restorePoint: RestorePoint = {
    id: guidFor(seed, 'RestorePoint', key),
    backup,
    session,
    creationTime: session.creationTime,
    vmRestorePoints: [],
    // The point and its file refer to each other; set just below.
    backupFile: null!,
  };
  const file: BackupFile = {
    id: guidFor(seed, 'BackupFile', key),
    name,
    backup,
    restorePoint,
    creationTime: session.creationTime,
    filePath: pathIn(backup.repository, backup.name, name),
    ...fileSizes(rng, dataSize, full),
    fileType: ext,
  };
  restorePoint.backupFile = file;
  for (const task of done) {
    const point: VmRestorePoint = {
      id: guidFor(seed, 'VmRestorePoint', task.id),
      vm: task.vm,
      backupServer: backup.backupServer,
      creationTime: task.creationTime + new Rng(seed, 'VmRestorePoint', task.id).int(5 * SECOND, 40 * SECOND),
      algorithm: full ? (rng.next() < 0.5 ? 'Full' : 'SyntheticFull') : 'Incremental',
      pointType: full ? 'Full' : 'Increment',
      restorePoint,
      backupFile: file,
    };
    task.vmRestorePoint = point;
    restorePoint.vmRestorePoints.push(point);
    out.vmRestorePoints.push(point);
  }
  session.restorePoint = restorePoint;
  out.restorePoints.push(restorePoint);
  out.backupFiles.push(file);
  return file;
}

/** Every run of a job scheduled in [from, now]. */
export function jobHistory(seed: number, job: Job, jobIndex: number, from: number, now: number, out: JobHistory): void {
  for (const start of runTimes(job.schedule, from, now)) run(seed, job, start, jobIndex, out);
}
