import type { FastifyInstance, FastifyRequest } from 'fastify';
import { addRoute } from '../src/routing.js';
import { send } from '../src/repr/send.js';
import { EmError } from '../src/errors.js';
import { findTask, removeTask, tasksOf } from '../data/taskLog.js';
import { taskEntity, taskList } from '../src/resources/task.js';

/** `GET /api/tasks`, `GET` and `DELETE /api/tasks/{id}`: the caller's tasks, from any of the user's logon sessions. */
export function taskRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/tasks',
    handler: (req, reply) => send(req, reply, taskList(tasksOf(app.store, req.logon!.userName), app.clock.now())),
  });
  const found = (req: FastifyRequest) => {
    const id = (req.params as { id: string }).id;
    const task = findTask(app.store, req.logon!.userName, id);
    if (!task) throw new EmError(404, `The task ${JSON.stringify(id.slice(0, 80))} does not exist.`);
    return task;
  };
  addRoute(app, {
    method: 'GET',
    url: '/api/tasks/:id',
    handler: (req, reply) => send(req, reply, taskEntity(found(req), app.clock.now())),
  });
  addRoute(app, {
    method: 'DELETE',
    url: '/api/tasks/:id',
    handler: (req, reply) => {
      removeTask(app.store, found(req));
      return reply.code(204).send();
    },
  });
}
