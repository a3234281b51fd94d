import type { FastifyInstance } from 'fastify';
import { addRoute } from '../src/routing.js';
import { send } from '../src/repr/send.js';
import { resourceTypes } from '../src/resources/index.js';
import { runQuery } from '../src/query/engine.js';
import { parseQueryRequest, QueryTypes } from '../src/query/request.js';
import { rawQueryOf } from '../src/query/queryString.js';
import { queryResult, querySvcRepresentation } from '../src/query/representation.js';
import { Collection } from '../data/collection.js';

/** `GET /api/query` (the query service) and `GET /api/querySvc` (its preset queries). */
export function queryRoutes(app: FastifyInstance): void {
  const types = new QueryTypes(resourceTypes);
  // What a type the mock holds nothing of is answered from.
  const none = new Collection<{ id: string }>();

  addRoute(app, {
    method: 'GET',
    url: '/api/query',
    handler: (req, reply) => {
      const rawQuery = rawQueryOf(req.url);
      const { entry, entities, plan } = parseQueryRequest(rawQuery, types);
      const now = app.clock.now();
      const page = runQuery(entry.modelled?.type.collection(app.store) ?? none, plan, now);
      // A 9.5 server kept the client's parameter order in paging links; EM 12 sorts them.
      return send(req, reply, queryResult(entry, page, entities, rawQuery, now, app.config.emStyle !== '9.5'));
    },
  });

  addRoute(app, {
    method: 'GET',
    url: '/api/querySvc',
    handler: (req, reply) => send(req, reply, querySvcRepresentation(req.logon!.id)),
  });
}
