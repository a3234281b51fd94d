import type { FastifyInstance } from 'fastify';
import { addRoute, wantsEntity } from '../src/routing.js';
import { send } from '../src/repr/send.js';
import { EmError } from '../src/errors.js';
import { guidFromPath } from '../src/ids.js';
import { resourceTypes } from '../src/resources/index.js';
import { entityList, reference, referenceList, type AnyResourceType } from '../src/resources/resourceType.js';

/** A human name for messages: `restoreSessions` → `restore session`. */
function describe(type: AnyResourceType): string {
  return type.uidType.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** `GET /api/<path>` (references, or entities with ?format=Entity) and `GET /api/<path>/{id}`. */
export function resourceRoutes(app: FastifyInstance): void {
  for (const type of resourceTypes) {
    addRoute(app, {
      method: 'GET',
      url: `/api/${type.path}`,
      handler: (req, reply) => {
        const now = app.clock.now();
        const items = type.listed ? type.listed(app.store, now) : type.collection(app.store).all();
        return send(req, reply, wantsEntity(req) ? entityList(type, items, now) : referenceList(type, items, now));
      },
    });

    addRoute(app, {
      method: 'GET',
      url: `/api/${type.path}/:id`,
      handler: (req, reply) => {
        const { id } = req.params as { id: string };
        const guid = guidFromPath(id, type.uidType, describe(type));
        const item = type.collection(app.store).get(guid);
        if (!item) throw new EmError(404, `The ${describe(type)} ${guid} does not exist.`);
        return send(req, reply, wantsEntity(req) ? type.entity(item, app.clock.now()) : reference(type, item, 'EntityRef'));
      },
    });
  }
}
