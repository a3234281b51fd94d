/**
 * Query fields several types share, so each type's list in its own file reads like EM's
 * `GET /query?type=<T>` page. Enum orders are explained in notes/query.md.
 */
import { uid, type BackupServer, type JobRun, type Platform } from '../../data/model.js';
import type { AnyBackupFile } from '../../data/agentBackups.js';
import type { QueryField } from '../query/fields.js';
import { sessionEndTime, sessionResult, sessionState } from '../../data/timeline.js';

/** `Result`: None (a running session, Veeam's -1) first, then the documented order. */
export const RESULT_VALUES = ['None', 'Success', 'Warning', 'Failed'] as const;
/** Job session `State` in Veeam's numbering (Stopped -1, Starting 3 … Resuming 7). */
export const JOB_SESSION_STATES = ['Stopped', 'Starting', 'Stopping', 'Working', 'Pausing', 'Resuming'] as const;
/** VM job `Platform`, in the order the Job page lists them. */
export const VM_PLATFORMS: readonly Platform[] = ['VMware', 'HyperV', 'vCloud'];

/** When a run's State, Result, EndTime (and a task's Reason) stop moving with the clock: its end. */
export const atEnd = (run: { endTime: number }): number => run.endTime;

/** `UID` of the object itself. */
export function uidField<T extends { id: string }>(uidType: string): QueryField<T> {
  return { name: 'UID', kind: 'uid', get: (x) => uid(uidType, x.id) };
}

/** `UID`, `Name`, `Description`: how every job page begins. */
export function jobHeadFields<T extends { id: string; name: string; description: string }>(
  uidType: string,
): QueryField<T>[] {
  return [
    uidField(uidType),
    { name: 'Name', kind: 'string', get: (x) => x.name },
    { name: 'Description', kind: 'string', get: (x) => x.description },
  ];
}

/** `BackupServerUid` and `BackupServerName` of the server an object lives on. */
export function serverFields<T>(server: (x: T) => BackupServer): QueryField<T>[] {
  return [
    { name: 'BackupServerUid', kind: 'uid', get: (x) => uid('BackupServer', server(x).id) },
    { name: 'BackupServerName', kind: 'string', get: (x) => server(x).name },
  ];
}

/** `JobUid` and `JobName` of the job an object belongs to. */
export function jobFields<T>(job: (x: T) => { id: string; name: string }): QueryField<T>[] {
  return [
    { name: 'JobUid', kind: 'uid', get: (x) => uid('Job', job(x).id) },
    { name: 'JobName', kind: 'string', get: (x) => job(x).name },
  ];
}

/** `CreationTime` (the collection's time key) and `EndTime` (absent while running). */
export function runTimeFields<
  T extends { creationTime: number; endTime: number; result: JobRun['result'] },
>(): QueryField<T>[] {
  return [
    { name: 'CreationTime', kind: 'date', timeKey: true, get: (x) => x.creationTime },
    { name: 'EndTime', kind: 'date', get: sessionEndTime, settlesAt: atEnd },
  ];
}

/** `Result` of a session or task: None while it runs. */
export function resultField<
  T extends { creationTime: number; endTime: number; result: JobRun['result'] },
>(): QueryField<T> {
  return { name: 'Result', kind: 'enum', values: RESULT_VALUES, get: sessionResult, settlesAt: atEnd };
}

/**
 * The fields of a backup or replica job session page: UID, Name, JobType, JobUid, JobName,
 * CreationTime, EndTime, State, Result, IsRetry, BackupServerUid, BackupServerName.
 */
export function jobSessionFields<T extends JobRun>(
  uidType: string,
  jobTypes: readonly string[],
  job: (s: T) => { id: string; name: string; backupServer: BackupServer },
  jobType: (s: T) => string,
): QueryField<T>[] {
  return [
    uidField(uidType),
    { name: 'Name', kind: 'string', get: (s) => s.name },
    { name: 'JobType', kind: 'enum', values: jobTypes, get: jobType },
    ...jobFields(job),
    ...runTimeFields<T>(),
    { name: 'State', kind: 'enum', values: JOB_SESSION_STATES, get: sessionState, settlesAt: atEnd },
    resultField<T>(),
    { name: 'IsRetry', kind: 'bool', get: (s) => s.isRetry },
    ...serverFields((s: T) => job(s).backupServer),
  ];
}

/**
 * The schedule fields of a job page: NextRun (where the page lists it), ScheduleConfigured,
 * ScheduleEnabled (every simulated job is scheduled).
 */
export function scheduleFields<T>(
  nextRun?: (x: T, now: number) => number,
  enabled: (x: T) => boolean = () => true,
): QueryField<T>[] {
  return [
    ...(nextRun ? [{ name: 'NextRun', kind: 'date', get: nextRun, settlesAt: () => Infinity } as const] : []),
    { name: 'ScheduleConfigured', kind: 'bool', get: () => true },
    { name: 'ScheduleEnabled', kind: 'bool', get: enabled },
  ];
}

/**
 * EM's `GET /query?type=BackupFile` page: UID, Name, CreationTimeUTC (sic: this page names the
 * field with its element's suffix), BackupSize, DataSize, CompressRatio, FileType (vbk, vib,
 * vrb), BackupUid, BackupName, BackupServerUid, BackupServerName.
 */
export const backupFileQueryFields: readonly QueryField<AnyBackupFile>[] = [
  uidField('BackupFile'),
  { name: 'Name', kind: 'string', get: (f) => f.name },
  { name: 'CreationTimeUTC', kind: 'date', timeKey: true, get: (f) => f.creationTime },
  { name: 'BackupSize', kind: 'number', get: (f) => f.backupSize },
  { name: 'DataSize', kind: 'number', get: (f) => f.dataSize },
  { name: 'CompressRatio', kind: 'number', get: (f) => f.compressRatio },
  { name: 'FileType', kind: 'string', get: (f) => f.fileType },
  { name: 'BackupUid', kind: 'uid', get: (f) => uid('Backup', f.backup.id) },
  { name: 'BackupName', kind: 'string', get: (f) => f.backup.name },
  ...serverFields<AnyBackupFile>((f) => f.backup.backupServer),
];
