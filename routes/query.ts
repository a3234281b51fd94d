import type { FastifyInstance } from 'fastify';
import { addRoute } from '../src/routing.js';
import { send, sendCached } from '../src/repr/send.js';
import { existingChangeAt } from '../src/resources/resourceType.js';
import { queryableTypes } from '../src/resources/index.js';
import { runQuery } from '../src/query/engine.js';
import { parseQueryRequest, QueryTypes } from '../src/query/request.js';
import { rawQueryOf } from '../src/query/queryString.js';
import { queryResult, querySvcRepresentation } from '../src/query/representation.js';
import { Collection } from '../data/collection.js';

/** `GET /api/query` (the query service) and `GET /api/querySvc` (its preset queries). */
export function queryRoutes(app: FastifyInstance): void {
  const types = new QueryTypes(queryableTypes);
  // What a type the mock holds nothing of is answered from.
  const none = new Collection<{ id: string }>();

  addRoute(app, {
    method: 'GET',
    url: '/api/query',
    handler: (req, reply) => {
      const rawQuery = rawQueryOf(req.url);
      const now = app.clock.now();
      // The answer depends only on the query text (paging links re-serialize it), the model and now.
      return sendCached(req, reply, `query?${rawQuery}`, now, () => {
        const { entry, entities, plan } = parseQueryRequest(rawQuery, types);
        const type = entry.modelled?.type;
        const collection = type ? type.collection(app.store) : none;
        const page = runQuery(collection, plan, now);
        // The next object to come into existence, or any existing one changing (a filter or sort on
        // State, Result or EndTime reads the same instants the entities show), may change the page.
        // A type the mock holds nothing of answers the same until the model changes.
        const until = type ? existingChangeAt(type, collection, app.store.epoch, now) : Infinity;
        // A 9.5 server kept the client's parameter order in paging links; EM 12 sorts them.
        return { node: queryResult(entry, page, entities, rawQuery, now, app.config.emStyle !== '9.5'), until };
      });
    },
  });

  addRoute(app, {
    method: 'GET',
    url: '/api/querySvc',
    handler: (req, reply) => send(req, reply, querySvcRepresentation(req.logon!.id)),
  });
}
