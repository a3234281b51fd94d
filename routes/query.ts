import type { FastifyInstance } from 'fastify';
import { addRoute } from '../src/routing.js';
import { send, sendCached } from '../src/repr/send.js';
import { existingChangeAt } from '../src/resources/resourceType.js';
import { resourceTypes } from '../src/resources/index.js';
import { runQuery } from '../src/query/engine.js';
import { parseQueryRequest, QueryTypes } from '../src/query/request.js';
import { rawQueryOf } from '../src/query/queryString.js';
import { queryResult, querySvcRepresentation } from '../src/query/representation.js';

/** `GET /api/query` (the query service) and `GET /api/querySvc` (its preset queries). */
export function queryRoutes(app: FastifyInstance): void {
  const types = new QueryTypes(resourceTypes);

  addRoute(app, {
    method: 'GET',
    url: '/api/query',
    handler: (req, reply) => {
      const rawQuery = rawQueryOf(req.url);
      const now = app.clock.now();
      // The answer depends only on the query text (paging links echo it as sent), the model and now.
      return sendCached(req, reply, `query?${rawQuery}`, now, () => {
        const { type, entities, plan } = parseQueryRequest(rawQuery, types);
        const collection = type.collection(app.store);
        const page = runQuery(collection, plan, now);
        // The next object to come into existence, or any existing one changing (a filter or sort on
        // State, Result or EndTime reads the same instants the entities show), may change the page.
        const until = existingChangeAt(type, collection, app.store.epoch, now);
        return { node: queryResult(type, page, entities, rawQuery, now), until };
      });
    },
  });

  addRoute(app, {
    method: 'GET',
    url: '/api/querySvc',
    handler: (req, reply) => send(req, reply, querySvcRepresentation(req.logon!.id, (t) => types.has(t))),
  });
}
