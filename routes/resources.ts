import type { FastifyInstance } from 'fastify';
import { addRoute, wantsEntity } from '../src/routing.js';
import { send } from '../src/repr/send.js';
import { EmError } from '../src/errors.js';
import { guidFromPath } from '../src/ids.js';
import { resourceTypes } from '../src/resources/index.js';
import { entityList, reference, referenceList, type AnyResourceType, type ResourceType } from '../src/resources/resourceType.js';
import { subCollections } from '../src/resources/subCollections.js';
import { list } from '../src/repr/tree.js';

/** A human name for messages: `restoreSessions` → `restore session`. */
function describe(type: { uidType: string }): string {
  return type.uidType.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** The object a `/{id}` path segment names, or 404. */
export function find<T extends { id: string }>(app: FastifyInstance, type: ResourceType<T>, id: string): T {
  const guid = guidFromPath(id, type.uidType, describe(type));
  const item = type.collection(app.store).get(guid);
  if (!item) throw new EmError(404, `The ${describe(type)} ${guid} does not exist.`);
  return item;
}

/**
 * `GET /api/<path>` (references, or entities with ?format=Entity), `GET /api/<path>/{id}`, and
 * the sub-collections `GET /api/<path>/{id}/<sub>`.
 */
export function resourceRoutes(app: FastifyInstance): void {
  for (const { parent, sub, child, items } of subCollections) {
    addRoute(app, {
      method: 'GET',
      url: `/api/${parent.path}/:id/${sub}`,
      handler: (req, reply) => {
        const item = find(app, parent, (req.params as { id: string }).id);
        if (!child || !items) return send(req, reply, list('EntityReferences', 'Refs', []));
        const now = app.clock.now();
        const found = items(item, app.store, now);
        return send(req, reply, wantsEntity(req) ? entityList(child, found, now) : referenceList(child, found, now));
      },
    });
  }

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
        const item = find(app, type, (req.params as { id: string }).id);
        return send(req, reply, wantsEntity(req) ? type.entity(item, app.clock.now()) : reference(type, item, 'EntityRef'));
      },
    });
  }
}
