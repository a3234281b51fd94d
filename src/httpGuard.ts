/**
 * The HTTP layer below Fastify: checks every request head before any route sees it, and answers
 * what Node itself would otherwise answer (or leave unanswered) in EM's Error shape.
 *
 * The parser stays lenient because a published PHP client logs on with `Transfer-Encoding:
 * chunked` together with `Content-Length: 0`, which Node's strict parser refuses. Leniency is
 * then taken back here: any framing other than that one case, exactly, is refused and its
 * connection closed, and nothing read behind a refused or `Connection: close` request is run.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { errorRepresentation } from './errors.js';
import { formatOf, MEDIA_TYPE } from './repr/send.js';
import { xmlDocument } from './repr/xml.js';
import { jsonDocument } from './repr/json.js';
import type { KeyAndCert } from './tls.js';

// Large enough that an oversized query string (a 100 KB filter) reaches the query service and gets
// its own 400 naming the problem, rather than an anonymous 431 from the HTTP layer.
export const MAX_HEADER_BYTES = 256 * 1024;

export interface HttpLimits {
  /** Time allowed for a whole request head; over it the client gets 408. */
  headersTimeoutMs: number;
  /** Time allowed for a whole request, body included. */
  requestTimeoutMs: number;
  /** How often Node looks for timed-out requests (its default, 30 s, would make 408 late). */
  checkIntervalMs: number;
  /** Open connections accepted at once; further ones are closed on arrival. */
  maxConnections: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 30_000,
  requestTimeoutMs: 120_000,
  checkIntervalMs: 1_000,
  maxConnections: 1024,
};

// RFC 9110 token characters: a header name with anything else (a space before the colon, a
// control character) is how framing headers get disguised.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// reg-name, IPv4 or [IPv6], then an optional port: what a Host may hold (RFC 3986).
const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9\-._~%!$&'()*+,;=]+)(?::\d{0,5})?$/;

function quoted(v: string): string {
  return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
}

/** What is wrong with a request head, or undefined when it may be served. */
export function headProblem(req: IncomingMessage): string | undefined {
  const raw = req.rawHeaders;
  const te: string[] = [];
  const cl: string[] = [];
  const host: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (!TOKEN.test(name)) return `The header name ${quoted(name)} is not valid.`;
    const lower = name.toLowerCase();
    if (lower === 'transfer-encoding') te.push(raw[i + 1]!);
    else if (lower === 'content-length') cl.push(raw[i + 1]!);
    else if (lower === 'host') host.push(raw[i + 1]!);
  }
  if (te.length > 1) return 'Transfer-Encoding is given more than once.';
  // Node's parser itself refuses a repeated or non-numeric Content-Length, even when lenient.
  if (te.length === 1) {
    if (te[0]!.trim().toLowerCase() !== 'chunked')
      return `Transfer-Encoding ${quoted(te[0]!)} is not supported: only chunked is.`;
    if (cl.length === 1 && Number(cl[0]) !== 0)
      return 'Transfer-Encoding and Content-Length are both given: the body length is ambiguous.';
  }
  if (host.length > 1) return 'Host is given more than once.';
  if (host.length === 0 && req.httpVersion !== '1.0') return 'The Host header is required.';
  if (host.length === 1 && !HOST.test(host[0]!.trim()))
    return `The Host header ${quoted(host[0]!)} is not a host name.`;
  return undefined;
}

/** EM's Error document in the format the Accept header asks for, with its media type. */
export function errorBody(status: number, message: string, accept?: string | string[]): { type: string; body: string } {
  const format = formatOf(accept);
  const node = errorRepresentation(status, message);
  return { type: MEDIA_TYPE[format], body: format === 'json' ? jsonDocument(node) : xmlDocument(node) };
}

/** A whole reply written straight to a socket (no request object exists yet), then closed. */
export function rawErrorReply(status: number, message: string, extra: Record<string, string> = {}): string {
  const { type, body } = errorBody(status, message);
  const lines = [
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? 'Error'}`,
    `Content-Type: ${type}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
  ];
  for (const [k, v] of Object.entries(extra)) lines.push(`${k}: ${v}`);
  lines.push('Connection: close');
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** Node's client error codes and the answer each gets. */
export function clientErrorReply(code: string | undefined): string {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return rawErrorReply(431, `Request headers are larger than the server accepts (${MAX_HEADER_BYTES / 1024} KB).`);
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return rawErrorReply(408, 'The request was not received in time.');
    default:
      return rawErrorReply(400, 'The HTTP request is malformed.');
  }
}

/** Sockets whose remaining requests must not run: after a refusal or `Connection: close`. */
const finished = new WeakSet<Socket>();

function wantsClose(req: IncomingMessage): boolean {
  const connection = (req.headers.connection ?? '').toLowerCase();
  if (req.httpVersion === '1.0') return !/(^|,)\s*keep-alive\s*(,|$)/.test(connection);
  return /(^|,)\s*close\s*(,|$)/.test(connection);
}

function refuse(req: IncomingMessage, res: ServerResponse, status: number, message: string): void {
  const { type, body } = errorBody(status, message, req.headers.accept);
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), Connection: 'close' });
  res.end(body);
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Wraps Fastify's handler with the head checks and the end-of-connection rule. */
export function guardedHandler(handler: Handler): Handler {
  return (req, res) => {
    const socket = req.socket;
    // Read behind a request that ended the connection: never run, never answered.
    if (finished.has(socket)) return;
    const problem = headProblem(req);
    if (problem !== undefined) {
      finished.add(socket);
      return refuse(req, res, 400, problem);
    }
    if (wantsClose(req)) finished.add(socket);
    handler(req, res);
  };
}

/** Fastify's serverFactory: an http(s) server with the guard, the limits and CONNECT answered. */
export function createServer(handler: Handler, limits: HttpLimits, tls: KeyAndCert | undefined): http.Server {
  const options: http.ServerOptions = {
    insecureHTTPParser: true,
    maxHeaderSize: MAX_HEADER_BYTES,
    // A missing Host is refused by headProblem, in EM's shape rather than Node's empty reply.
    requireHostHeader: false,
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    connectionsCheckingInterval: limits.checkIntervalMs,
  };
  const guarded = guardedHandler(handler);
  const server = tls ? https.createServer({ ...options, ...tls }, guarded) : http.createServer(options, guarded);
  server.maxConnections = limits.maxConnections;
  // Fastify's default, kept: idle keep-alive connections close after 72 s.
  server.keepAliveTimeout = 72_000;
  // Node answers an Expect other than 100-continue itself: 417, chunked, without a body.
  server.on('checkExpectation', (req: IncomingMessage, res: ServerResponse) => {
    refuse(
      req,
      res,
      417,
      `The expectation ${quoted(req.headers.expect ?? '')} is not supported: only 100-continue is.`,
    );
  });
  // Node hands CONNECT to a 'connect' listener and drops the socket when there is none.
  server.on('connect', (_req: IncomingMessage, socket: Socket) => {
    socket.end(
      rawErrorReply(405, 'The CONNECT method is not supported: this server is not a proxy.', {
        Allow: 'GET, HEAD, POST, PUT, DELETE',
      }),
    );
  });
  return server as http.Server;
}
