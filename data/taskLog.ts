import type { Store } from './store.js';
import { DEFAULT_TASK_MS } from './outcomes.js';
import type { Task, TaskOperation, TaskRelated } from './tasks.js';

/** How an action's task ends. */
export interface TaskOutcome {
  success: boolean;
  message: string;
  related?: TaskRelated;
  download?: string;
}

/** Records the task an action answers with (its number is the dataset's next). */
export function addTask(
  store: Store,
  owner: string,
  operation: TaskOperation,
  now: number,
  outcome: TaskOutcome,
): Task {
  const task: Task = {
    id: `task-${store.tasks.length + 1}`,
    owner: owner.toLowerCase(),
    operation,
    creationTime: now,
    endTime: now + (store.outcomes.taskMs ?? DEFAULT_TASK_MS),
    success: outcome.success,
    message: outcome.message,
    related: outcome.related,
    ...(outcome.download && { download: outcome.download }),
  };
  store.change(() => store.tasks.push(task));
  return task;
}

/** The caller's task by id (`task-3`, any case), or undefined. */
export function findTask(store: Store, owner: string, id: string): Task | undefined {
  const m = /^task-(\d{1,9})$/i.exec(id);
  const task = m ? store.tasks[Number(m[1]) - 1] : undefined;
  return task && !task.removed && task.owner === owner.toLowerCase() ? task : undefined;
}

export const tasksOf = (store: Store, owner: string): Task[] =>
  store.tasks.filter((t) => !t.removed && t.owner === owner.toLowerCase());

/**
 * `DELETE /tasks/{id}`: the task is gone. What its action did stays done (the model changed when
 * the action was accepted; the mock's tasks only report it).
 */
export function removeTask(store: Store, task: Task): void {
  store.change(() => {
    store.tasks[store.tasks.indexOf(task)] = { ...task, removed: true };
  });
}
