import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyServerOptions,
} from 'fastify';
import cookie from '@fastify/cookie';
import type { Config } from './config.js';
import { Clock } from './clock.js';
import { answerFor, EmError } from './errors.js';
import type { LogonSessionStore } from './logonSessions.js';
import { Dataset } from './datasetLifecycle.js';
import { RouteTable } from './routing.js';
import { authenticate } from './auth.js';
import { sendError } from './repr/send.js';
import type { Store } from '../data/store.js';
import { apiRoutes } from '../routes/index.js';
import { controlRoutes, sendControlError } from '../routes/control.js';
import { MockControl } from './control/mockControl.js';
import { CONTROL_PREFIX, installRequestPipeline, isControlRequest } from './control/requestPipeline.js';
import { controlAccess } from './control/access.js';
import { tlsKeyAndCert } from './tls.js';
import { HAND_MADE_SITES, estateOf } from '../data/estate.js';
import { loadFaker } from '../data/fake.js';
import { ResponseCache } from './repr/responseCache.js';
import { clientErrorReply, createServer, DEFAULT_HTTP_LIMITS, type HttpLimits } from './httpGuard.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    clock: Clock;
    store: Store;
    logons: LogonSessionStore;
    dataset: Dataset;
    routeTable: RouteTable;
    responses: ResponseCache;
    /** Aborted when the app starts closing: long waits (delay faults) end early on it. */
    closing: AbortSignal;
  }
}

const BODY_LIMIT = 1024 * 1024;

// HTTP.sys (under EM's IIS) refuses a URL segment over 260 characters (UrlSegmentMaxLength).
const MAX_SEGMENT_LENGTH = 260;

export interface BuildOptions {
  config: Config;
  /** Fastify logger setting; quiet unless asked. */
  logger?: FastifyServerOptions['logger'];
  /** Replace the system clock's reading (tests). */
  realNow?: () => number;
  /** Timeouts and connection limits of the HTTP layer (defaults: DEFAULT_HTTP_LIMITS). */
  httpLimits?: Partial<HttpLimits>;
}

function noSchemas(): never {
  throw new Error('veeam-em-mock declares no route schemas');
}

export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const { config } = opts;
  // Certificate validity is real time: clients check it against their own clock, not the mock's.
  const tls = tlsKeyAndCert(config, opts.realNow?.() ?? Date.now());
  const limits: HttpLimits = { ...DEFAULT_HTTP_LIMITS, maxConnections: config.maxConnections, ...opts.httpLimits };
  // The https server type only differs in its socket; the app is used the same way either way.
  const app = Fastify({
    serverFactory: (handler) => createServer(handler, limits, tls),
    routerOptions: {
      caseSensitive: false,
      ignoreTrailingSlash: true,
      ignoreDuplicateSlashes: true,
      maxParamLength: MAX_SEGMENT_LENGTH,
    },
    bodyLimit: BODY_LIMIT,
    // No route declares a JSON schema (EM's shapes are written by hand): Fastify's default
    // compilers (Ajv, fast-json-stringify) would cost every start-up ~50 ms and never run.
    schemaController: { compilersFactory: { buildValidator: noSchemas, buildSerializer: noSchemas } },
    // While closing, a request that still arrives is answered (then the connection closes),
    // rather than with Fastify's own JSON 503.
    return503OnClosing: false,
    logger: opts.logger ?? (config.logRequests ? { level: 'info' } : false),
    // Malformed HTTP never reaches a route; answer it in EM's shape too, then close.
    clientErrorHandler: (err, socket) => {
      if (socket.writable) socket.end(clientErrorReply((err as { code?: string }).code));
    },
    // The router's own refusals (a bad %-escape, an over-long segment) in EM's shape as well.
    frameworkErrors: (err, req, reply) => {
      const message =
        err.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? `A path segment is longer than ${MAX_SEGMENT_LENGTH} characters.`
          : 'The request URL has an invalid %-escape.';
      // The control plane's errors are its own JSON shape, not EM's.
      if (isControlRequest(req)) void sendControlError(reply as FastifyReply, 400, message);
      else void sendError(req, reply, new EmError(400, message));
    },
  }) as unknown as FastifyInstance;

  const clock = new Clock(config.clockStart, opts.realNow);
  app.decorate('config', config);
  app.decorate('clock', clock);
  app.decorate('routeTable', new RouteTable());
  // Beyond loopback the control plane needs a token: the given one or one made now (the CLI prints it).
  config.controlToken = controlAccess(config).token;
  // Sites beyond the hand-made ones (a bigger estate, or a dataset file's servers) take values from faker.
  if (config.dataFile !== undefined || estateOf(config).backupServers > HAND_MADE_SITES) await loadFaker();
  // The dataset (store, logon sessions, pristine copy) lives in its own module; the API reads the
  // current store and sessions through these getters, and the control plane resets it through
  // the parts it is handed.
  const dataset = new Dataset(config, clock);
  app.decorate('dataset', dataset);
  app.decorate('store', {
    getter: () => dataset.store,
    setter: (store: Store) => {
      dataset.store = store;
    },
  });
  app.decorate('logons', { getter: () => dataset.logons });
  app.decorate('control', new MockControl({ config, clock, dataset }));
  app.decorate('responses', new ResponseCache());
  const closing = new AbortController();
  app.decorate('closing', closing.signal);
  app.addHook('preClose', async () => closing.abort());
  // A clock move changes what every time-dependent answer shows: a new model epoch.
  clock.onMove = () => dataset.store.changed();

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
    const { status, message, internal } = answerFor(err);
    if (internal) req.log.error(err);
    void sendError(req, reply, new EmError(status, message, err instanceof EmError ? err.headers : {}));
  });

  app.setNotFoundHandler((req, reply) => {
    const { path, allow, message } = app.routeTable.unmatched(req.method, req.url);
    void sendError(
      req,
      reply,
      allow ? new EmError(405, message, { allow }) : new EmError(404, `There is no resource at ${path}.`),
    );
  });

  await app.register(apiRoutes);
  if (config.control) await app.register(controlRoutes, { prefix: CONTROL_PREFIX });
  return app;
}
