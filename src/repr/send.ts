import type { FastifyReply, FastifyRequest } from 'fastify';
import type { El, List } from './tree.js';
import { xmlDocument } from './xml.js';
import { jsonDocument } from './json.js';
import { errorRepresentation, type EmError } from '../errors.js';

export type Format = 'xml' | 'json';

/** JSON when `application/json` appears anywhere in Accept; XML otherwise (EM's rule). */
export function negotiate(req: FastifyRequest): Format {
  return formatOf(req.headers.accept);
}

/** The format an Accept header value asks for (also used below Fastify, on raw requests). */
export function formatOf(accept: string | string[] | undefined): Format {
  return typeof accept === 'string' && accept.toLowerCase().includes('application/json') ? 'json' : 'xml';
}

export const MEDIA_TYPE: Record<Format, string> = { xml: 'application/xml', json: 'application/json' };

/** `scheme://host[:port]` for Hrefs: the configured public base URL, or the request's own. */
export function baseUrl(req: FastifyRequest): string {
  const configured = req.server.config.publicBaseUrl;
  if (configured) return configured;
  const host = req.headers.host ?? `${req.server.config.host}:${req.server.config.port}`;
  return `${req.protocol}://${host}`;
}

/** Serializes a document in the negotiated format and fills in the base URL. */
export function render(req: FastifyRequest, node: El | List, format: Format = negotiate(req)): string {
  const base = baseUrl(req);
  return format === 'json'
    ? jsonDocument(node, base, { nulls: req.server.config.emStyle !== '9.5' })
    : xmlDocument(node, base);
}

export function send(req: FastifyRequest, reply: FastifyReply, node: El | List, status = 200): FastifyReply {
  const format = negotiate(req);
  // A Buffer, so Fastify sends the media type exactly as set (it appends a charset to JSON strings).
  return reply
    .code(status)
    .header('content-type', MEDIA_TYPE[format])
    .send(Buffer.from(render(req, node, format)));
}

/** What a cached route builds on a miss: the document, and the instant it may first look different. */
export interface Fresh {
  node: El | List;
  /** Nothing the document shows changes before this instant (Infinity: only a model change does). */
  until: number;
}

/**
 * `send` for a 200 answer that is a function of the model, the instant and `key` (the route and
 * whatever of the request it reads besides format and base URL): the bytes are built once and
 * reused until the model's epoch moves or the instant reaches `until`. Authentication and
 * negotiation have already run per request; only the body is shared.
 */
export function sendCached(
  req: FastifyRequest,
  reply: FastifyReply,
  key: string,
  now: number,
  build: () => Fresh,
): FastifyReply {
  const format = negotiate(req);
  const { responses, store } = req.server;
  // The EM style changes JSON nulls and /query paging links.
  const fullKey = `${format} ${req.server.config.emStyle} ${baseUrl(req)} ${key}`;
  const epoch = store.epoch;
  let body = responses.get(fullKey, epoch, now);
  if (body === undefined) {
    const fresh = build();
    body = Buffer.from(render(req, fresh.node, format));
    responses.set(fullKey, epoch, now, fresh.until, body);
  }
  return reply.code(200).header('content-type', MEDIA_TYPE[format]).send(body);
}

/** Renders an EmError in EM's Error shape, in the negotiated format. */
export function sendError(req: FastifyRequest, reply: FastifyReply, err: EmError): FastifyReply {
  return send(req, reply.headers(err.headers), errorRepresentation(err.status, err.message), err.status);
}
