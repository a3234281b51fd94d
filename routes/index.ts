import type { FastifyInstance } from 'fastify';
import { rootRoutes } from './root.js';
import { sessionMngrRoutes } from './sessionMngr.js';
import { logonSessionRoutes } from './logonSessions.js';
import { resourceRoutes } from './resources.js';
import { reportRoutes } from './reports.js';
import { queryRoutes } from './query.js';
import { serviceRoutes } from './services.js';
import { taskRoutes } from './tasks.js';
import { actionRoutes } from './actions.js';
import { mountRoutes } from './mounts.js';
import { browseRoutes } from './guestFs.js';
import { lookupRoutes } from './lookup.js';

/** Every route under /api. */
export async function apiRoutes(app: FastifyInstance): Promise<void> {
  rootRoutes(app);
  sessionMngrRoutes(app);
  logonSessionRoutes(app);
  resourceRoutes(app);
  reportRoutes(app);
  queryRoutes(app);
  serviceRoutes(app);
  taskRoutes(app);
  actionRoutes(app);
  mountRoutes(app);
  browseRoutes(app);
  lookupRoutes(app);
}
