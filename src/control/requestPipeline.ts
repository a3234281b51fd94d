import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseBasic, tokenOf } from '../auth.js';
import { EmError } from '../errors.js';
import { sendError } from '../repr/send.js';
import { normalizePath } from '../routing.js';
import type { FaultRule } from './faults.js';
import { BODY_KEPT } from './journal.js';

export const CONTROL_PREFIX = '/__mock';

declare module 'fastify' {
  interface FastifyRequest {
    /** Mock-clock instant of arrival, set for journaled requests. */
    mockArrival?: number;
    mockFault?: FaultRule;
  }
}

/** The user a request acts for: its logon session's, else the name in its Basic credentials. */
export function requestUser(req: FastifyRequest): string | undefined {
  if (req.logon) return req.logon.userName;
  const token = tokenOf(req)?.trim();
  const session = token ? req.server.logons.peek(token) : undefined;
  if (session) return session.userName;
  const basic = parseBasic(req.headers.authorization);
  return typeof basic === 'string' || basic.name === '' ? undefined : basic.name;
}

export function isControlRequest(req: FastifyRequest): boolean {
  return req.server.config.control && normalizePath(req.url).toLowerCase().startsWith(CONTROL_PREFIX);
}

/** The body of a request that acts (logon bodies are ignored by EM and never kept). */
function keptBody(req: FastifyRequest): string | null {
  const body = req.body;
  if (req.method === 'GET' || req.method === 'HEAD' || !Buffer.isBuffer(body) || body.length === 0) return null;
  if (normalizePath(req.url).toLowerCase().startsWith('/api/sessionmngr')) return null;
  return body
    .subarray(0, BODY_KEPT * 4)
    .toString('utf8')
    .slice(0, BODY_KEPT);
}

function journal(req: FastifyRequest, status: number | null, durationMs: number): void {
  const body = req.body;
  req.server.control.journal.record({
    time: new Date(req.mockArrival!).toISOString(),
    method: req.method,
    url: req.url,
    status,
    user: requestUser(req) ?? null,
    headers: { ...req.headers },
    bodyBytes: Buffer.isBuffer(body) ? body.length : Number(req.headers['content-length'] ?? 0) || 0,
    body: keptBody(req),
    durationMs: Math.round(durationMs * 1000) / 1000,
    fault: req.mockFault?.id ?? null,
  });
}

async function applyFault(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  const decision = req.server.control.faults.decide(req.method, normalizePath(req.url), requestUser(req));
  req.mockFault = decision.applied;
  // Shutdown cuts a delay short; the request then goes on and is answered.
  if (decision.delayMs > 0)
    await sleep(decision.delayMs, undefined, { signal: req.server.closing }).catch(() => undefined);
  const rule = decision.terminal;
  if (!rule) return undefined;
  switch (rule.action) {
    case 'error':
      return sendError(req, reply, new EmError(rule.status!, rule.message!));
    case 'empty':
      return reply.code(rule.status!).send();
    default: {
      // drop: no response at all; the client sees the connection close.
      journal(req, null, 0);
      reply.hijack();
      req.raw.socket?.destroy();
      return reply;
    }
  }
}

/**
 * Journal and faults for every request outside the control plane. Installed before the auth
 * guard, so a fault can stand in for any answer, a 401 included.
 */
export function installRequestPipeline(app: FastifyInstance): void {
  app.addHook('onRequest', async (req, reply) => {
    if (isControlRequest(req)) return;
    req.mockArrival = app.clock.now();
    return applyFault(req, reply);
  });
  // Recorded as the answer is handed over (not when its last byte leaves), so a client that reads
  // the journal right after a large response always finds that response in it.
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.mockArrival !== undefined) journal(req, reply.statusCode, reply.elapsedTime);
    return payload;
  });
}
