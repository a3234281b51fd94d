import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.js';
import { defaultConfig, type Config } from '../src/config.js';

/** A fixed instant so every test sees the same dataset and the same window. */
export const CLOCK_START = Date.parse('2026-11-29T12:00:00Z');
export const HOST = 'em.test:9398';
export const BASE = `http://${HOST}`;

export interface TestApp {
  app: FastifyInstance;
  /** Simulated wall time, advanced by tests (the clock reads it). */
  real: { now: number };
}

/** Each test gets its own app on a frozen-in-time clock it can move. */
export async function build(overrides: Partial<Config> = {}): Promise<TestApp> {
  const real = { now: CLOCK_START };
  const app = await buildApp({
    config: defaultConfig({ clockStart: CLOCK_START, restoreSessions: 40, reproducibleTokens: true, ...overrides }),
    realNow: () => real.now,
  });
  await app.ready();
  return { app, real };
}

export const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** Logs on as admin and returns the token. */
export async function logon(app: FastifyInstance, user = 'admin', password = 'admin'): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/sessionMngr/?v=latest',
    headers: { host: HOST, authorization: basic(user, password) },
  });
  if (res.statusCode !== 201) throw new Error(`logon failed: ${res.statusCode} ${res.body}`);
  return res.headers['x-restsvcsessionid'] as string;
}

export type Fmt = 'xml' | 'json';

/** An authenticated GET in the given format. */
export function get(
  app: FastifyInstance,
  token: string,
  url: string,
  fmt: Fmt = 'xml',
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'GET',
    url,
    headers: { host: HOST, 'x-restsvcsessionid': token, ...(fmt === 'json' ? { accept: 'application/json' } : {}) },
  });
}
