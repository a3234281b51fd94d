import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import { RouteTable, normalizePath, queryParam } from '../src/routing.js';
import { ControlError } from '../src/control/errors.js';
import { answerFor } from '../src/errors.js';
import { parseJsonBody } from '../src/control/input.js';
import { statusMatcher } from '../src/control/journal.js';
import { tokensEqual } from '../src/control/access.js';

/**
 * The control plane under /__mock: our own JSON API for tests (not EM's), so its errors are
 * `{"error": message}` and it does not take logon tokens. Handlers only translate HTTP to
 * MockControl calls.
 */

type Handler = (req: FastifyRequest, reply: FastifyReply) => unknown;

/** Health and readiness stay open even with a token, for orchestrators' probes. */
const OPEN_PATHS = new Set(['/__mock/health', '/__mock/ready']);

function sendJson(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply.code(status).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(body));
}

/** The control plane's error shape, `{"error": message}`. */
export function sendControlError(reply: FastifyReply, status: number, message: string): FastifyReply {
  return sendJson(reply, status, { error: message });
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^\s*bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m !== null && tokensEqual(m[1]!, token);
}

function idParam(req: FastifyRequest): string {
  return (req.params as { id: string }).id;
}

function journalFilter(req: FastifyRequest) {
  const status = queryParam(req, 'status');
  if (status !== undefined && !statusMatcher(status)) {
    throw new ControlError(
      `status: expected a status like 404 or a class like 4xx, got ${JSON.stringify(status.slice(0, 20))}`,
    );
  }
  const limitRaw = queryParam(req, 'limit');
  const limit = limitRaw === undefined ? undefined : Number(limitRaw);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    throw new ControlError(`limit: expected a positive integer, got ${JSON.stringify(limitRaw!.slice(0, 20))}`);
  }
  const path = queryParam(req, 'path');
  if (path !== undefined && !path.startsWith('/'))
    throw new ControlError('path: a path pattern starts with /, e.g. /api/restoreSessions*');
  return { method: queryParam(req, 'method'), path, status, limit };
}

export async function controlRoutes(app: FastifyInstance): Promise<void> {
  const routes = new RouteTable();
  const control = app.control;
  const route = (method: HTTPMethods, url: string, handler: Handler) => {
    routes.add(method, `/__mock${url}`);
    // Fastify answers HEAD for every GET route.
    if (method === 'GET') routes.add('HEAD', `/__mock${url}`);
    app.route({ method, url, handler });
  };

  app.addHook('onRequest', async (req, reply) => {
    const token = app.config.controlToken;
    if (token === '' || OPEN_PATHS.has(normalizePath(req.url).toLowerCase().replace(/\/$/, ''))) return;
    if (!bearerMatches(req.headers.authorization, token)) {
      void reply.header('www-authenticate', 'Bearer realm="veeam-em-mock"');
      return sendJson(reply, 401, {
        error: 'The control plane needs the header Authorization: Bearer <control token>.',
      });
    }
    return undefined;
  });

  app.setErrorHandler((err: FastifyError | ControlError, req, reply) => {
    if (err instanceof ControlError) return sendJson(reply, err.status, { error: err.message });
    const { status, message, internal } = answerFor(err);
    if (internal) req.log.error(err);
    return sendJson(reply, status, { error: message });
  });

  app.setNotFoundHandler((req, reply) => {
    const { path, allow, message } = routes.unmatched(req.method, req.url);
    if (allow) return sendJson(reply.header('allow', allow), 405, { error: message });
    return sendJson(reply, 404, {
      error: `There is no control endpoint ${path}. See README.md, section Control plane.`,
    });
  });

  route('GET', '/health', (_req, reply) => sendJson(reply, 200, { status: 'ok' }));
  route('GET', '/ready', (_req, reply) =>
    control.ready
      ? sendJson(reply, 200, { ready: true, restoreSessions: app.store.restoreSessions.size })
      : sendJson(reply, 503, { ready: false }),
  );

  route('GET', '/clock', (_req, reply) => sendJson(reply, 200, control.clockState()));
  route('PUT', '/clock', (req, reply) => sendJson(reply, 200, control.setClock(parseJsonBody(req.body))));

  route('POST', '/reset', async (req, reply) =>
    sendJson(reply, 200, await control.resetYielding(parseJsonBody(req.body))),
  );

  route('POST', '/restoreSessions', (req, reply) =>
    sendJson(reply, 201, { restoreSessions: control.addRestoreSessions(parseJsonBody(req.body)) }),
  );
  route('DELETE', '/restoreSessions/:id', (req, reply) =>
    sendJson(reply, 200, { deleted: control.deleteRestoreSession(idParam(req)) }),
  );

  route('GET', '/outcomes', (_req, reply) => sendJson(reply, 200, control.outcomes()));
  route('PUT', '/outcomes', (req, reply) => sendJson(reply, 200, control.setOutcomes(parseJsonBody(req.body))));

  route('GET', '/logonSessions', (_req, reply) => sendJson(reply, 200, { logonSessions: control.logonSessions() }));
  route('POST', '/logonSessions/:id/expire', (req, reply) => {
    control.expireLogonSession(idParam(req));
    return sendJson(reply, 200, { expired: idParam(req) });
  });

  route('GET', '/faults', (_req, reply) => sendJson(reply, 200, { faults: control.faults.list() }));
  route('POST', '/faults', (req, reply) => {
    const body = parseJsonBody(req.body);
    if (body === undefined) throw new ControlError('The body must be a fault rule (or an array of rules) as JSON.');
    return sendJson(reply, 201, { faults: control.faults.add(body) });
  });
  route('DELETE', '/faults', (_req, reply) => {
    const cleared = control.faults.list().length;
    control.faults.clear();
    return sendJson(reply, 200, { cleared });
  });
  route('DELETE', '/faults/:id', (req, reply) => {
    const id = idParam(req);
    if (!/^\d+$/.test(id) || !control.faults.remove(Number(id)))
      throw new ControlError(`There is no fault rule ${JSON.stringify(id.slice(0, 40))}.`);
    return sendJson(reply, 200, { deleted: Number(id) });
  });

  route('GET', '/requests', (req, reply) => {
    const requests = control.journal.list(journalFilter(req));
    return sendJson(reply, 200, { total: control.journal.total, kept: control.journal.size, requests });
  });
  route('DELETE', '/requests', (_req, reply) => {
    const cleared = control.journal.size;
    control.journal.clear();
    return sendJson(reply, 200, { cleared });
  });
}
