import type { FastifyInstance } from 'fastify';
import { addRoute } from '../src/routing.js';
import { send } from '../src/repr/send.js';
import { enterpriseManagerRepresentation } from '../src/resources/enterpriseManager.js';

export function rootRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/',
    auth: false,
    handler: (req, reply) => send(req, reply, enterpriseManagerRepresentation()),
  });
}
