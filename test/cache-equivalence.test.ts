import t from 'tap';
import type { Test } from 'tap';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { build, get, logon, type Fmt } from './helper.js';
import { act } from './actionHelper.js';
import { resourceTypes } from '../src/resources/index.js';
import { subCollections } from '../src/resources/subCollections.js';
import { QUERY_TYPES } from '../src/query/catalog.js';
import { REPORT_FRAMES } from '../src/resources/reports.js';
import { fragmentCache } from '../src/repr/renderCache.js';
import type { AnyResourceType } from '../src/resources/resourceType.js';

// Generated from the route tables: every collection (plain, ?format=Entity, every sub-collection),
// /query for every documented type, and the reports, in XML and JSON, served with the caches on
// are byte-identical to the answer built with both caches (response bytes and item fragments)
// off. Each round's cached answers were built in the round before, so every clock move and every
// action in between is a chance for a stale one to be served.

const FORMATS: Fmt[] = ['xml', 'json'];
const DAY = 86_400_000;

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

async function uncached(app: FastifyInstance, token: string, url: string, fmt: Fmt) {
  app.responses.enabled = false;
  fragmentCache.enabled = false;
  try {
    return await get(app, token, url, fmt);
  } finally {
    app.responses.enabled = true;
    fragmentCache.enabled = true;
  }
}

const differ = (a: LightMyRequestResponse, b: LightMyRequestResponse) =>
  a.statusCode !== b.statusCode ||
  a.headers['content-type'] !== b.headers['content-type'] ||
  !a.rawPayload.equals(b.rawPayload);

/** Compares every URL in both formats; reports the stale ones of this round in one assertion. */
async function round(t: Test, app: FastifyInstance, token: string, label: string, full = false) {
  const stale: string[] = [];
  let answers = 0;
  for (const url of urls(app, full)) {
    for (const fmt of FORMATS) {
      const cached = await get(app, token, url, fmt);
      const built = await uncached(app, token, url, fmt);
      if (differ(cached, built)) stale.push(`${fmt} ${url}`);
      if (built.statusCode !== 200) stale.push(`${fmt} ${url}: status ${built.statusCode}`);
      answers++;
    }
  }
  t.same(stale.slice(0, 10), [], `${label}: ${answers} answers, none stale`);
}

t.test('every collection, query and report: cached bytes equal freshly built ones', async (t) => {
  // A small estate with a day of history: every kind of object, lists short enough to build often.
  const { app, real } = await build({
    estate: 'small',
    historyDays: 1,
    vmsPerRoot: 2,
    restoreSessions: 12,
    idleTimeoutMs: 100 * DAY,
  });
  let token = await logon(app);
  const post = async (url: string, body?: object) => {
    const res = await act(app, token, url, body === undefined ? {} : { body });
    t.ok(res.statusCode < 300, `${url}: ${res.statusCode} ${res.statusCode < 300 ? '' : res.body}`);
    return res;
  };
  const store = app.store;
  const backupJob = store.jobs.all().find((j) => j.jobType === 'Backup')!;
  const replicaJob = store.jobs.all().find((j) => j.jobType === 'Replica')!;
  const nasJob = store.nasJobs.all()[0]!;
  // Uneven steps (seeded), mostly within one run's progress steps, now and then across a task.
  let x = 11;
  const tick = async (label: string, steps: number, span: number) => {
    for (let i = 0; i < steps; i++) {
      x = (x * 48271) % 2147483647;
      real.now += i % 3 === 0 ? 1 + (x % 5) : Math.round(((x % 1000) / 1000) * span);
      await round(t, app, token, `${label}, step ${i}`);
    }
  };

  await round(t, app, token, 'at the start (warms the caches)', true);
  await round(t, app, token, 'unchanged', true);

  await post(`/api/jobs/${backupJob.id}?action=start`);
  await round(t, app, token, 'after a backup job start');
  await tick('a backup run in progress', 4, 40_000);
  await post(`/api/jobs/${backupJob.id}?action=stop`);
  await round(t, app, token, 'after a job stop');
  await post(`/api/jobs/${backupJob.id}?action=retry`);
  await tick('a retry runs to its end', 4, 120_000);
  real.now += 30 * 60_000;
  await round(t, app, token, 'after the run ended and its point was written');

  await post(`/api/jobs/${replicaJob.id}?action=start`);
  await tick('a replica run', 4, 90_000);
  await post(`/api/nas/jobs/${nasJob.id}/start`);
  await tick('a file share run', 3, 60_000);
  await post(`/api/nas/jobs/${nasJob.id}/stop`);
  await round(t, app, token, 'after a file share stop');

  const cloned = await post(`/api/jobs/${backupJob.id}?action=clone`, {
    BackupJobCloneInfo: {
      JobName: 'Cloned for the cache test',
      FolderName: 'cache-test',
      RepositoryUid: `urn:veeam:Repository:${backupJob.backup!.repository.id}`,
    },
  });
  await round(t, app, token, `after a job clone (${cloned.statusCode})`);
  await post(`/api/jobs/${backupJob.id}?action=toggleScheduleEnabled`);
  await round(t, app, token, 'after a schedule toggle');
  const clone = store.jobs.all().find((j) => j.name === 'Cloned for the cache test');
  if (clone) {
    const res = await act(app, token, `/api/jobs/${clone.id}`, { method: 'DELETE' });
    t.ok(res.statusCode < 300, `delete: ${res.statusCode}`);
  }
  await round(t, app, token, 'after a job delete');

  const point = store.vmRestorePoints.between(0, app.clock.now()).at(-1)!;
  await post(`/api/vmRestorePoints/${point.id}?action=restore`, {
    VmRestoreSpec: { PowerOnAfterRestore: true, QuickRollback: false },
  });
  await tick('a restore in progress', 4, 200_000);
  await post(`/api/vmRestorePoints/${point.id}/mounts`);
  await round(t, app, token, 'after a mount');
  const unmount = await act(app, token, `/api/vmRestorePoints/${point.id}/mounts/1`, { method: 'DELETE' });
  t.equal(unmount.statusCode, 204);
  await round(t, app, token, 'after an unmount');
  // Every task started so far finishes; then one is removed.
  real.now += DAY;
  await round(t, app, token, 'after every task and run finished');
  await act(app, token, '/api/tasks/task-1', { method: 'DELETE' });
  await round(t, app, token, 'after a task was removed');

  app.control.addRestoreSessions({ vm: point.vm.name, creationTime: '-1m', duration: '3m' });
  await tick('an injected running session', 3, 40_000);
  app.control.deleteRestoreSession(store.restoreSessions.between(0, app.clock.now()).at(-1)!.id);
  await round(t, app, token, 'after a deleted session');
  app.control.setClock({ now: new Date(app.clock.now() - 2 * DAY).toISOString() });
  await round(t, app, token, 'after the clock was set back');
  app.control.faults.add({ path: '/api/jobs', action: 'error', status: 500 });
  app.control.faults.clear();
  await round(t, app, token, 'after a fault rule came and went');
  app.config.publicBaseUrl = 'https://em.example.com:9398';
  await round(t, app, token, 'with a public URL', true);
  app.config.publicBaseUrl = undefined;
  app.control.reset();
  token = await logon(app);
  await round(t, app, token, 'after a reset', true);
});
