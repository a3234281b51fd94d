import type { FastifyInstance } from 'fastify';
import { addRoute } from '../src/routing.js';
import { send } from '../src/repr/send.js';
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
      const { type, entities, plan } = parseQueryRequest(rawQuery, types);
      const now = app.clock.now();
      const page = runQuery(type.collection(app.store), plan, now);
      return send(req, reply, queryResult(type, page, entities, rawQuery, now));
    },
  });

  addRoute(app, {
    method: 'GET',
    url: '/api/querySvc',
    handler: (req, reply) => send(req, reply, querySvcRepresentation(req.logon!.id, (t) => types.has(t))),
  });
}
