import type { FastifyInstance } from 'fastify';
import { addRoute, queryParam } from '../src/routing.js';
import { send, baseUrl } from '../src/repr/send.js';
import { checkBasic, TOKEN_NAME } from '../src/auth.js';
import { EmError } from '../src/errors.js';
import { LOGON_VERSIONS } from '../src/resources/enterpriseManager.js';
import { logonSessionRepresentation } from '../src/resources/logonSession.js';

const ACCEPTED_VERSIONS = new Set<string>(['latest', ...LOGON_VERSIONS]);

export function sessionMngrRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'POST',
    url: '/api/sessionMngr/',
    auth: false,
    // Any body and any Content-Type are ignored: clients send none, empty JSON, empty forms, XML.
    handler: (req, reply) => {
      const v = queryParam(req, 'v');
      if (v !== undefined && !ACCEPTED_VERSIONS.has(v.toLowerCase())) {
        throw new EmError(
          400,
          `Unsupported API version v=${JSON.stringify(v.slice(0, 40))}. Use latest or one of ${LOGON_VERSIONS.join(', ')}.`,
        );
      }
      const user = checkBasic(req.headers.authorization, app.config.users);
      const session = app.logons.create(user.name);
      // Set on the raw response so the name keeps its case on the wire: a PHP client matches
      // `X-RestSvcSessionId` case-sensitively (Fastify lower-cases the names it manages).
      reply.raw.setHeader(TOKEN_NAME, session.token);
      void reply
        .header('set-cookie', `${TOKEN_NAME}=${session.token}; Path=/api`)
        .header('location', `${baseUrl(req)}/api/logonSessions/${session.id}`);
      return send(req, reply, logonSessionRepresentation(session, app.routeTable.servesApi), 201);
    },
  });
}
