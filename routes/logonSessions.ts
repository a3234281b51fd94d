import type { FastifyInstance, FastifyRequest } from 'fastify';
import { addRoute } from '../src/routing.js';
import { send } from '../src/repr/send.js';
import { EmError } from '../src/errors.js';
import { guidFromPath } from '../src/ids.js';
import { list } from '../src/repr/tree.js';
import { logonSessionRepresentation } from '../src/resources/logonSession.js';
import type { LogonSession } from '../src/logonSessions.js';

/** The caller's own session with this id; other users' sessions do not exist for them. */
function ownSession(req: FastifyRequest): LogonSession {
  const { id } = req.params as { id: string };
  const guid = guidFromPath(id, 'LogonSession', 'logon session');
  const session = req.server.logons.ofUser(req.logon!.userName).find((s) => s.id === guid);
  if (!session) throw new EmError(404, `Logon session ${guid} does not exist.`);
  return session;
}

export function logonSessionRoutes(app: FastifyInstance): void {
  const serves = app.routeTable.servesApi;

  addRoute(app, {
    method: 'GET',
    url: '/api/logonSessions',
    // Exactly the session the request came with: every documented sample lists one session, and
    // clients log out by deleting LogonSessions[0], which must never be a sibling session of the
    // same user (notes/query.md, "Logon sessions").
    handler: (req, reply) =>
      send(req, reply, list('LogonSessions', 'LogonSessions', [logonSessionRepresentation(req.logon!, serves)])),
  });

  addRoute(app, {
    method: 'GET',
    url: '/api/logonSessions/:id',
    handler: (req, reply) => send(req, reply, logonSessionRepresentation(ownSession(req), serves)),
  });

  addRoute(app, {
    method: 'DELETE',
    url: '/api/logonSessions/:id',
    handler: (req, reply) => {
      app.logons.delete(ownSession(req).id);
      return reply.code(204).send();
    },
  });
}
