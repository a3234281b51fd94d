import type { FastifyInstance } from 'fastify';
import { addRoute } from '../src/routing.js';
import { send } from '../src/repr/send.js';
import { entryServiceRepresentation, entryServices } from '../src/resources/services.js';

/** `GET /api/agents` and `GET /api/nas`: the entry resources linking to their collections. */
export function serviceRoutes(app: FastifyInstance): void {
  const serves = app.routeTable.servesApi;
  for (const service of entryServices) {
    addRoute(app, {
      method: 'GET',
      url: `/api/${service.path}`,
      handler: (req, reply) => send(req, reply, entryServiceRepresentation(service, serves)),
    });
  }
}
