/**
 * EM's asynchronous tasks (`/tasks/task-N`): what every action answers with. A task runs until
 * its end time on the server clock, then is Finished with its result; it belongs to the user who
 * started it.
 */

export type TaskOperation =
  | 'StartJob'
  | 'StopJob'
  | 'StopAgentJob'
  | 'StartNasJob'
  | 'StopNasJob'
  | 'RetryNasJob'
  | 'RetryJob'
  | 'RetryAgentJob'
  | 'CloneJob'
  | 'DeleteJob'
  | 'UpdateJob'
  | 'StartVMRestore'
  | 'QuickBackup'
  | 'MountRestorePoint'
  | 'FileRestoreFromMountPoint';

/** What a finished task links to (`Related`): a path below /api/ and the link's Type and Name. */
export interface TaskRelated {
  path: string;
  type: string;
  name?: string;
}

export interface Task {
  /** `task-<n>`, numbered per dataset from 1. */
  id: string;
  /** Lower-cased user name: another user's task does not exist for the caller. */
  owner: string;
  operation: TaskOperation;
  creationTime: number;
  endTime: number;
  success: boolean;
  message: string;
  related: TaskRelated | undefined;
  /** A file restored for direct download: its `?action=download` path below /api/ (`Download` link). */
  download?: string;
  /** Removed by `DELETE /tasks/{id}`: gone for its user, its number not reused. */
  removed?: boolean;
}

export type TaskState = 'Running' | 'Finished';

export const taskState = (t: Task, now: number): TaskState => (now >= t.endTime ? 'Finished' : 'Running');
