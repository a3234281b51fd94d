import type { FastifyInstance } from 'fastify';
import { addRoute } from '../src/routing.js';
import { send } from '../src/repr/send.js';
import { EmError } from '../src/errors.js';
import { findTask, tasksOf } from '../data/taskLog.js';
import { taskEntity, taskList } from '../src/resources/task.js';

/** `GET /api/tasks` and `/api/tasks/{id}`: the caller's tasks, from any of the user's logon sessions. */
export function taskRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/tasks',
    handler: (req, reply) => send(req, reply, taskList(tasksOf(app.store, req.logon!.userName), app.clock.now())),
  });
  addRoute(app, {
    method: 'GET',
    url: '/api/tasks/:id',
    handler: (req, reply) => {
      const id = (req.params as { id: string }).id;
      const task = findTask(app.store, req.logon!.userName, id);
      if (!task) throw new EmError(404, `The task ${JSON.stringify(id.slice(0, 80))} does not exist.`);
      return send(req, reply, taskEntity(task, app.clock.now()));
    },
  });
}
