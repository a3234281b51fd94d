import { Rng, guidFor } from './random.js';
import { nameStamp } from './time.js';
import type { Store } from './store.js';
import type { Backup, Job, JobSession, Repository, SessionResult, TaskSession, Vm } from './model.js';
import { isVmSession } from './model.js';
import { REASON, writeBackup, type JobHistory } from './runs.js';

/**
 * What job actions do to the model. Every change goes through `store.change` and replaces
 * objects instead of editing them: generated objects are shared by every copy of a dataset.
 */

const SECOND = 1000;
/** The reason EM gives the tasks of a session stopped by a user. */
export const STOPPED_REASON = 'Job has been stopped by user.';

const sessionsOf = (store: Store, job: Job) =>
  job.jobType === 'Replica' ? store.replicaSessions : store.backupSessions;
const tasksOf = (store: Store, job: Job) =>
  job.jobType === 'Replica' ? store.replicaTaskSessions : store.backupTaskSessions;

/** The job's newest session (runs of one job never overlap, so only it can still be running). */
export function latestSession(store: Store, job: Job): JobSession | undefined {
  const all = sessionsOf(store, job).all();
  for (let i = all.length - 1; i >= 0; i--) {
    const s = all[i]!;
    if (isVmSession(s) && s.job.id === job.id) return s;
  }
  return undefined;
}

export const isRunning = (s: JobSession | undefined, now: number): s is JobSession =>
  s !== undefined && s.endTime > now;

/** The VMs whose task failed in a finished session (what a retry processes again). */
export const failedVms = (s: JobSession): Vm[] => s.tasks.filter((t) => t.result === 'Failed').map((t) => t.vm);

/**
 * A new run of the job over `vms`, starting now: one task per VM in turn, ending as the test
 * said (store.outcomes.jobRun, used once) or with Success after 30–90 s per VM. A backup run's
 * restore point, backup file and VM points appear when the run (or the VM's task) ends.
 */
export function startRun(
  store: Store,
  seed: number,
  job: Job,
  now: number,
  vms: readonly Vm[],
  isRetry: boolean,
): JobSession {
  const n = store.nextActionNumber();
  const outcome = store.outcomes.jobRun ?? {};
  const result: SessionResult = outcome.result ?? 'Success';
  const rng = new Rng(seed, 'ActionJobSession', n);
  const session: JobSession = {
    id: guidFor(seed, 'ActionJobSession', n),
    name: `${job.name}@${nameStamp(now)}`,
    job,
    creationTime: now,
    endTime: now,
    result,
    isRetry,
    tasks: [],
    restorePoint: undefined,
  };
  let cursor = now;
  vms.forEach((vm, i) => {
    const duration =
      outcome.durationMs !== undefined
        ? Math.floor(outcome.durationMs / vms.length)
        : rng.int(30 * SECOND, 90 * SECOND);
    const taskResult: SessionResult =
      result === 'Failed' ? 'Failed' : result === 'Warning' && i === 0 ? 'Warning' : 'Success';
    const task: TaskSession = {
      id: guidFor(seed, 'ActionTaskSession', `${n}/${i}`),
      session,
      vm,
      creationTime: cursor,
      endTime: cursor + duration,
      result: taskResult,
      reason: taskResult === 'Success' ? '' : (outcome.message ?? REASON[taskResult]),
      totalSize: vm.sizeBytes,
      vmRestorePoint: undefined,
    };
    cursor = task.endTime;
    session.tasks.push(task);
  });
  session.endTime = outcome.durationMs !== undefined ? now + outcome.durationMs : cursor;
  const out: JobHistory = { sessions: [], tasks: [], restorePoints: [], backupFiles: [], vmRestorePoints: [] };
  const backup = job.backup;
  const full = backup !== undefined && !store.restorePoints.all().some((p) => p.backup.id === backup.id);
  const file = backup ? writeBackup(seed, session, full, out) : undefined;
  if (file) {
    // What a run writes exists once it is written: the point and file at the end of the run,
    // each VM's point at the end of its task.
    file.creationTime = session.endTime;
    file.restorePoint.creationTime = session.endTime;
    for (const t of session.tasks) if (t.vmRestorePoint) t.vmRestorePoint.creationTime = t.endTime;
  }
  store.outcomes = { ...store.outcomes, jobRun: undefined };
  return store.change(() => {
    sessionsOf(store, job).add(session);
    tasksOf(store, job).addAll(session.tasks);
    if (file && backup) {
      store.restorePoints.add(file.restorePoint);
      store.backupFiles.add(file);
      store.vmRestorePoints.addAll(out.vmRestorePoints);
      growRepository(store, backup.repository, file.backupSize);
    }
    return session;
  });
}

function growRepository(store: Store, repository: Repository, bytes: number): void {
  const current = store.repositories.get(repository.id);
  if (current) store.repositories.replace({ ...current, backupSize: current.backupSize + bytes });
}

/**
 * Ends a running session now, as a user's stop does: running tasks fail with EM's reason, tasks
 * not yet started never happen, and nothing the run had not written yet appears.
 */
export function stopSession(store: Store, running: JobSession, now: number): JobSession {
  const stopped: JobSession = { ...running, endTime: now, result: 'Failed', tasks: [] };
  const started = running.tasks.filter((t) => t.creationTime <= now);
  const unstarted = running.tasks.filter((t) => t.creationTime > now);
  const cut = (t: TaskSession): TaskSession =>
    t.endTime > now
      ? { ...t, session: stopped, endTime: now, result: 'Failed', reason: STOPPED_REASON, vmRestorePoint: undefined }
      : t;
  stopped.tasks = started.map(cut);
  const point = running.restorePoint;
  return store.change(() => {
    sessionsOf(store, running.job).replace(stopped);
    const tasks = tasksOf(store, running.job);
    for (const t of unstarted) tasks.remove(t.id);
    for (const t of stopped.tasks) if (t !== running.tasks.find((o) => o.id === t.id)) tasks.replace(t);
    if (!point) return stopped;
    const unwritten = point.vmRestorePoints.filter((p) => p.creationTime > now);
    for (const p of unwritten) store.vmRestorePoints.remove(p.id);
    if (point.creationTime > now) {
      // The run never got to write its point: it goes, and so does the space it was counted with.
      store.restorePoints.remove(point.id);
      store.backupFiles.remove(point.backupFile.id);
      for (const p of point.vmRestorePoints) store.vmRestorePoints.remove(p.id);
      growRepository(store, point.backup.repository, -point.backupFile.backupSize);
      stopped.restorePoint = undefined;
    } else if (unwritten.length > 0) {
      const kept = { ...point, vmRestorePoints: point.vmRestorePoints.filter((p) => p.creationTime <= now) };
      kept.backupFile = { ...point.backupFile, restorePoint: kept };
      store.restorePoints.replace(kept);
      store.backupFiles.replace(kept.backupFile);
      stopped.restorePoint = kept;
    }
    return stopped;
  });
}

/** `BackupJobCloneInfo` / `BackupCopyJobCloneInfo` / `ReplicaJobCloneInfo`, checked. */
export interface CloneInfo {
  jobName: string;
  description: string | undefined;
  /** Backup and backup copy jobs: the backup's folder (file) name and its repository. */
  folderName?: string;
  repository?: Repository;
  /** Replication jobs. */
  vmSuffix?: string;
}

/** A new job with the source job's objects, schedule and type. */
export function cloneJob(store: Store, seed: number, job: Job, info: CloneInfo): Job {
  const n = store.nextActionNumber();
  const clone: Job = {
    ...job,
    id: guidFor(seed, 'ClonedJob', n),
    name: info.jobName,
    description: info.description ?? job.description,
    backup: undefined,
    scheduleEnabled: job.scheduleEnabled,
    vmSuffix: info.vmSuffix,
  };
  if (job.backup && info.repository) {
    const backup: Backup = {
      id: guidFor(seed, 'ClonedBackup', n),
      name: info.folderName ?? info.jobName,
      job: clone,
      repository: info.repository,
      backupServer: job.backupServer,
      platform: job.platform,
    };
    clone.backup = backup;
  }
  return store.change(() => {
    store.jobs.add(clone);
    if (clone.backup) store.backups.add(clone.backup);
    return clone;
  });
}

/** Removes the job; its backups and session history stay, reachable by id as EM keeps them. */
export function deleteJob(store: Store, job: Job): void {
  store.change(() => store.jobs.remove(job.id));
}
