import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildOptions } from './app.js';
import { tlsEnabled } from './tls.js';
import { isWildcardHost } from './config.js';
import { runInBackground } from '../data/steps.js';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  port: number;
}

/** Builds the app and listens; `port: 0` picks a free port. */
export async function listen(opts: BuildOptions): Promise<RunningServer> {
  const app = await buildApp(opts);
  await app.listen({ port: opts.config.port, host: opts.config.host });
  // The history was left to be built on first use; build it now, between requests, so the first
  // client that lists it does not wait for all of it.
  void runInBackground(app.dataset.store.complete(), app.closing);
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.config.port;
  const { host } = opts.config;
  const shownHost = isWildcardHost(host)
    ? '127.0.0.1'
    : host.includes(':') && !host.startsWith('[')
      ? `[${host}]`
      : host;
  return { app, port, url: `${tlsEnabled(opts.config) ? 'https' : 'http'}://${shownHost}:${port}/api/` };
}
