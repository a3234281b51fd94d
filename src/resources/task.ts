import { taskState, type Task } from '../../data/tasks.js';
import { el, links, list, type El, type LinkSpec, type List } from '../repr/tree.js';
import { href } from '../repr/href.js';

/**
 * EM's `Task` (docs: GET /tasks/{ID}): attributes Href and Type, then Links (Delete; Download or
 * Related once finished, to what the action made or touched), TaskId, State, Operation and, once finished,
 * Result (attribute Success, element Message). A task has no Name or UID.
 */
export function taskEntity(t: Task, now: number): El {
  const self = href(`tasks/${t.id}`);
  const state = taskState(t, now);
  const finished = state === 'Finished';
  const linkSpecs: LinkSpec[] = [{ rel: 'Delete', href: self, type: 'Task' }];
  // The download link of a file restored for direct download (docs: no Type, once finished).
  if (finished && t.download) linkSpecs.push({ rel: 'Download', href: href(t.download) });
  if (finished && t.related)
    linkSpecs.push({ rel: 'Related', href: href(t.related.path), name: t.related.name, type: t.related.type });
  return el(
    'Task',
    { elems: { Links: links(linkSpecs) }, attrs: { Href: self, Type: 'Task' } },
    {
      elems: {
        TaskId: t.id,
        State: state,
        Operation: t.operation,
        Result: finished ? el('Result', { elems: { Message: t.message }, attrs: { Success: t.success } }) : undefined,
      },
    },
  );
}

/** `GET /tasks`: the caller's tasks as a `Tasks` list. */
export const taskList = (tasks: readonly Task[], now: number): List =>
  list(
    'Tasks',
    'Tasks',
    tasks.map((t) => taskEntity(t, now)),
  );
