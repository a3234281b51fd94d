import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import type { Config } from './config.js';
import { Clock } from './clock.js';
import { EmError, errorRepresentation } from './errors.js';
import { LogonSessionStore } from './logonSessions.js';
import { RouteTable, normalizePath } from './routing.js';
import { authenticate } from './auth.js';
import { MEDIA_TYPE, sendError } from './repr/send.js';
import { xmlDocument } from './repr/xml.js';
import type { Store } from '../data/store.js';
import { apiRoutes } from '../routes/index.js';
import { controlRoutes } from '../routes/control.js';
import { MockControl } from './control/mockControl.js';
import { CONTROL_PREFIX, installRequestPipeline } from './control/requestPipeline.js';
import { tlsKeyAndCert } from './tls.js';
import { ResponseCache } from './repr/responseCache.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    clock: Clock;
    store: Store;
    logons: LogonSessionStore;
    routeTable: RouteTable;
    responses: ResponseCache;
  }
}

const BODY_LIMIT = 1024 * 1024;
// Large enough that an oversized query string (a 100 KB filter) reaches the query service and gets
// its own 400 naming the problem, rather than an anonymous 431 from the HTTP layer.
const MAX_HEADER_BYTES = 256 * 1024;

/** A raw socket-level error reply (before Fastify has a request): EM's Error shape in XML. */
function clientErrorReply(status: number, reason: string, message: string): string {
  const body = xmlDocument(errorRepresentation(status, message));
  return (
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: ${MEDIA_TYPE.xml}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
    `Connection: close\r\n\r\n${body}`
  );
}

export interface BuildOptions {
  config: Config;
  /** Fastify logger setting; quiet unless asked. */
  logger?: FastifyServerOptions['logger'];
  /** Replace the system clock's reading (tests). */
  realNow?: () => number;
}

export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const { config } = opts;
  // A published PHP client sends Transfer-Encoding: chunked with Content-Length: 0 at logon.
  const parser = { insecureHTTPParser: true, maxHeaderSize: MAX_HEADER_BYTES };
  // Certificate validity is real time: clients check it against their own clock, not the mock's.
  const tls = tlsKeyAndCert(config, opts.realNow?.() ?? Date.now());
  // The https server type only differs in its socket; the app is used the same way either way.
  const app = Fastify({
    ...(tls ? { https: { ...parser, ...tls } } : { http: parser }),
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true, ignoreDuplicateSlashes: true },
    bodyLimit: BODY_LIMIT,
    logger: opts.logger ?? (config.logRequests ? { level: 'info' } : false),
    // Malformed HTTP never reaches a route; answer it in EM's shape too, then close.
    clientErrorHandler: (err, socket) => {
      if (!socket.writable) return;
      const code = (err as { code?: string }).code;
      const tooLarge = code === 'HPE_HEADER_OVERFLOW';
      socket.end(
        tooLarge
          ? clientErrorReply(431, 'Request Header Fields Too Large', `Request headers are larger than the server accepts (${MAX_HEADER_BYTES / 1024} KB).`)
          : clientErrorReply(400, 'Bad Request', 'The HTTP request is malformed.'),
      );
    },
  }) as unknown as FastifyInstance;

  const clock = new Clock(config.clockStart, opts.realNow);
  app.decorate('config', config);
  app.decorate('clock', clock);
  app.decorate('logons', new LogonSessionStore(clock, config.seed, config.idleTimeoutMs));
  app.decorate('routeTable', new RouteTable());
  app.decorate('responses', new ResponseCache());
  // The control plane owns the dataset's source (generated or --data file) and rebuilds it on reset.
  const control = new MockControl(app);
  app.decorate('control', control);
  app.decorate('store', control.buildStore());
  // A clock move changes what every time-dependent answer shows: a new model epoch.
  clock.onMove = () => app.store.changed();

  await app.register(cookie);

  // Request bodies are never interpreted by EM's read API and logon ignores them, whatever their
  // type: accept every content type as raw bytes (an empty JSON body must not be an error).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  installRequestPipeline(app);
  app.addHook('onRequest', async (req) => {
    if (req.routeOptions.config.auth === true) req.logon = authenticate(req);
  });

  app.setErrorHandler((err: FastifyError | EmError, req, reply) => {
    let status: number;
    let message: string;
    let headers: Record<string, string> = {};
    if (err instanceof EmError) {
      ({ status, message, headers } = err);
    } else if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      status = err.statusCode;
      message = err.message;
    } else {
      req.log.error(err);
      status = 500;
      message = `Internal error in the mock: ${err.message}`;
    }
    void sendError(req, reply, new EmError(status, message, headers));
  });

  app.setNotFoundHandler((req, reply) => {
    const path = normalizePath(req.url);
    const allowed = app.routeTable.methodsFor(path);
    const err =
      allowed.length > 0
        ? new EmError(405, `Method ${req.method} is not allowed on ${path}. Allowed: ${allowed.join(', ')}.`, {
            allow: allowed.join(', '),
          })
        : new EmError(404, `There is no resource at ${path}.`);
    void sendError(req, reply, err);
  });

  await app.register(apiRoutes);
  if (config.control) await app.register(controlRoutes, { prefix: CONTROL_PREFIX });
  return app;
}
