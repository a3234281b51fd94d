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
    // Clients read LogonSessions[0] as "my session": list the caller's own sessions.
    handler: (req, reply) =>
      send(
        req,
        reply,
        list(
          'LogonSessions',
          'LogonSessions',
          app.logons.ofUser(req.logon!.userName).map((s) => logonSessionRepresentation(s, serves)),
        ),
      ),
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
