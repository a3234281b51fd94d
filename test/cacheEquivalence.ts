import type { Test } from 'tap';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { build, get, logon, type Fmt } from './helper.js';
import { resourceTypes } from '../src/resources/index.js';
import { subCollections } from '../src/resources/subCollections.js';
import { QUERY_TYPES } from '../src/query/catalog.js';
import { REPORT_FRAMES } from '../src/resources/reports.js';
import { fragmentCache } from '../src/repr/renderCache.js';
import type { AnyResourceType } from '../src/resources/resourceType.js';

/**
 * The cache equivalence tests (test/cache-equivalence*.test.ts), generated from the route tables:
 * every collection (plain, ?format=Entity, every sub-collection), /query for every documented
 * type, and the reports, in XML and JSON, served with the caches on are byte-identical to the
 * answer built with both caches (response bytes and item fragments) off. Each round's cached
 * answers were built in the round before, so every clock move and every change in between is a
 * chance for a stale one to be served.
 */

const FORMATS: Fmt[] = ['xml', 'json'];
export const DAY = 86_400_000;

/** The newest existing object of a type (where things move), and the oldest too in a full round. */
function parents(app: FastifyInstance, type: AnyResourceType, full: boolean): { id: string }[] {
  const now = app.clock.now();
  const items = type.listed ? type.listed(app.store, now) : type.collection(app.store).all();
  return [...new Set([full ? items[0] : undefined, items.at(-1)])].filter((x) => x !== undefined);
}

/**
 * Every documented query type; the types the mock holds nothing of answer the same empty page
 * whatever the model does, so only a full round asks for them.
 */
function queryUrls(full: boolean): string[] {
  const urls: string[] = [];
  for (const info of QUERY_TYPES) {
    const type = resourceTypes.find((r) => r.uidType === info.name && r.queryFields);
    if (!type && !full) continue;
    const base = `/api/query?type=${info.name}`;
    urls.push(base, `${base}&format=Entities`);
    const fields = type?.queryFields ?? [];
    const state = fields.find((f) => f.name === 'State');
    if (state?.kind === 'enum') {
      const running = state.values?.includes('Working') ? 'Working' : 'InProgress';
      urls.push(`${base}&format=Entities&filter=State==${running}`);
    }
    const date = fields.find((f) => f.kind === 'date');
    if (date) urls.push(`${base}&format=Entities&sortDesc=${date.name}&pageSize=3&page=2`);
  }
  return urls;
}

/** Every collection URL of the model as it is now. */
function urls(app: FastifyInstance, full: boolean): string[] {
  const out: string[] = [];
  for (const type of resourceTypes) out.push(`/api/${type.path}`, `/api/${type.path}?format=Entity`);
  for (const { parent, sub } of subCollections) {
    for (const p of parents(app, parent, full)) {
      out.push(`/api/${parent.path}/${p.id}/${sub}`, `/api/${parent.path}/${p.id}/${sub}?format=Entity`);
    }
  }
  out.push(...queryUrls(full), '/api/reports/summary', ...REPORT_FRAMES.map((f) => `/api/reports/summary/${f.path}`));
  return out;
}

/** What `request` answers with both caches (answers and item fragments) off: the bytes built afresh. */
export async function withoutCaches<R>(app: FastifyInstance, request: () => Promise<R>): Promise<R> {
  app.responses.enabled = false;
  fragmentCache.enabled = false;
  try {
    return await request();
  } finally {
    app.responses.enabled = true;
    fragmentCache.enabled = true;
  }
}

const uncached = (app: FastifyInstance, token: string, url: string, fmt: Fmt) =>
  withoutCaches(app, () => get(app, token, url, fmt));

const differ = (a: LightMyRequestResponse, b: LightMyRequestResponse) =>
  a.statusCode !== b.statusCode ||
  a.headers['content-type'] !== b.headers['content-type'] ||
  !a.rawPayload.equals(b.rawPayload);

/**
 * Compares every URL (`full`: also the constant ones) in both formats, or in one (the clock steps
 * take turns, so both are checked across a run); reports the stale ones in one assertion.
 */
export async function round(t: Test, app: FastifyInstance, token: string, label: string, scope: 'full' | 'both' | Fmt) {
  const stale: string[] = [];
  let answers = 0;
  for (const url of urls(app, scope === 'full')) {
    for (const fmt of scope === 'full' || scope === 'both' ? FORMATS : [scope]) {
      const cached = await get(app, token, url, fmt);
      const built = await uncached(app, token, url, fmt);
      if (differ(cached, built)) stale.push(`${fmt} ${url}`);
      if (built.statusCode !== 200) stale.push(`${fmt} ${url}: status ${built.statusCode}`);
      answers++;
    }
  }
  t.same(stale.slice(0, 10), [], `${label}: ${answers} answers, none stale`);
}

/** A small estate with a day of history: every kind of object, lists short enough to build often. */
export async function smallEstate() {
  const built = await build({
    estate: 'small',
    historyDays: 1,
    vmsPerRoot: 2,
    restoreSessions: 12,
    idleTimeoutMs: 100 * DAY,
  });
  return { ...built, token: await logon(built.app) };
}

/**
 * Rounds after uneven clock steps (seeded), mostly within a run's progress steps, now and then
 * across a task; the steps take turns at the two formats.
 */
export function ticker(t: Test, app: FastifyInstance, real: { now: number }, token: () => string) {
  let x = 11;
  return async (label: string, steps: number, span: number) => {
    for (let i = 0; i < steps; i++) {
      x = (x * 48271) % 2147483647;
      real.now += i % 3 === 0 ? 1 + (x % 5) : Math.round(((x % 1000) / 1000) * span);
      await round(t, app, token(), `${label}, step ${i}`, FORMATS[i % 2]!);
    }
  };
}
