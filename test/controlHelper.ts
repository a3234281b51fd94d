import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { HOST } from './helper.js';

/** A control-plane call; `body` is sent as JSON unless it is a string. */
export function control(
  app: FastifyInstance,
  method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH',
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method,
    url,
    headers: { host: HOST, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

/** The parsed JSON body of a control-plane answer. */
export function json(res: LightMyRequestResponse): any {
  return JSON.parse(res.body);
}
