import type { FastifyInstance, FastifyRequest } from 'fastify';
import { addRoute } from '../src/routing.js';
import { send } from '../src/repr/send.js';
import { EmError } from '../src/errors.js';
import { vmRestorePointType } from '../src/resources/vmRestorePoint.js';
import { mountEntity, mountList, mountName, mountPath } from '../src/resources/mount.js';
import { mount, mountsOf, unmount, type Mount } from '../data/mounts.js';
import { guestOsOf } from '../data/guestFs.js';
import { addTask } from '../data/taskLog.js';
import { taskEntity } from '../src/resources/task.js';
import { find } from './resources.js';

type Params = { id: string; n?: string };

/** One of the caller's live mounts of the point, or 404 (EM keeps mounts per logon session). */
export function findMount(app: FastifyInstance, req: FastifyRequest): Mount {
  const { id, n } = req.params as Params;
  const point = find(app, vmRestorePointType, id);
  const m = mountsOf(app.store, point, req.logon!.id).find((x) => String(x.number) === n);
  if (!m)
    throw new EmError(
      404,
      `There is no mount ${JSON.stringify(n!.slice(0, 40))} of the vm restore point ${point.id} in this logon session.`,
    );
  return m;
}

/** File-level restore: mount a VM restore point, read the mount, unmount (browsing: routes/guestFs.ts). */
export function mountRoutes(app: FastifyInstance): void {
  const url = '/api/vmRestorePoints/:id/mounts';
  addRoute(app, {
    method: 'POST',
    url,
    handler: (req, reply) => {
      const point = find(app, vmRestorePointType, (req.params as Params).id);
      const now = app.clock.now();
      const m = mount(app.store, app.config.seed, point, req.logon!.id, now, guestOsOf(point.vm));
      const task = addTask(app.store, req.logon!.userName, 'MountRestorePoint', now, {
        success: true,
        message: 'Ok',
        related: { path: mountPath(m), type: 'VmRestorePointMount', name: mountName(m) },
      });
      return send(req, reply, taskEntity(task, now), 202);
    },
  });
  addRoute(app, {
    method: 'GET',
    url,
    handler: (req, reply) => {
      const point = find(app, vmRestorePointType, (req.params as Params).id);
      return send(req, reply, mountList(mountsOf(app.store, point, req.logon!.id)));
    },
  });
  addRoute(app, {
    method: 'GET',
    url: `${url}/:n`,
    handler: (req, reply) => send(req, reply, mountEntity(findMount(app, req))),
  });
  addRoute(app, {
    method: 'DELETE',
    url: `${url}/:n`,
    handler: (req, reply) => {
      unmount(app.store, findMount(app, req), app.clock.now());
      return reply.code(204).send();
    },
  });
}
