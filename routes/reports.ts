import type { FastifyInstance } from 'fastify';
import { addRoute } from '../src/routing.js';
import { send } from '../src/repr/send.js';
import { REPORT_FRAMES, summaryReport } from '../src/resources/reports.js';

/** `GET /api/reports/summary` and its five frames. */
export function reportRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/reports/summary',
    handler: (req, reply) => send(req, reply, summaryReport()),
  });
  for (const frame of REPORT_FRAMES) {
    addRoute(app, {
      method: 'GET',
      url: `/api/reports/summary/${frame.path}`,
      handler: (req, reply) => send(req, reply, frame.build(app.store, app.clock.now())),
    });
  }
}
