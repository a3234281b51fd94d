import type { FastifyInstance } from 'fastify';
import { addRoute, queryParam } from '../src/routing.js';
import { send } from '../src/repr/send.js';
import { hierarchyItems, lookupSvcRepresentation } from '../src/resources/lookup.js';
import { lookup } from '../src/resources/lookupQuery.js';

/** `GET /api/lookupSvc` (the lookup service's browse links) and `GET /api/lookup` (the lookup itself). */
export function lookupRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/lookupSvc',
    handler: (req, reply) => send(req, reply, lookupSvcRepresentation(req.logon!.id, app.store.hierarchyRoots.all())),
  });

  addRoute(app, {
    method: 'GET',
    url: '/api/lookup',
    handler: (req, reply) => {
      const [host, hierarchyRef, name, type] = ['host', 'hierarchyRef', 'name', 'type'].map((p) => queryParam(req, p));
      return send(req, reply, hierarchyItems(lookup(app.store, { host, hierarchyRef, name, type })));
    },
  });
}
