import t from 'tap';
import type { FastifyInstance } from 'fastify';
import { build, get, logon } from './helper.js';
import type { TaskSession } from '../data/model.js';
import { nextRun } from '../data/jobs.js';
import { resourceTypes } from '../src/resources/index.js';
import { listChangesAt } from '../src/resources/resourceType.js';
import { Store } from '../data/store.js';
import { scheduleChangesAt } from '../src/resources/job.js';
import { act } from './actionHelper.js';
import { el } from '../src/repr/tree.js';
import { fragmentCache, renderedUntil } from '../src/repr/renderCache.js';

// A list renders each item from a fragment kept per object once the item stops changing. These
// check that a kept fragment is never one the item has since outgrown: every list's copy of an
// item equals the item's own answer (built afresh on every request).

type Entity = { UID: string; Links: { Rel: string; Type: string | null }[] };

async function entitiesOf(app: FastifyInstance, token: string, url: string, key: string): Promise<Entity[]> {
  const body = JSON.parse((await get(app, token, url, 'json')).body);
  return (key === 'Entities' ? body.Entities.BackupTaskSessions.BackupTaskSessions : body[key]) as Entity[];
}

t.test('a task that ended before its VM restore point was written shows the point once it is', async (t) => {
  const { app, real } = await build({ dataFile: 'data/example-dataset.json' });
  const token = await logon(app);
  const now = app.clock.now();
  // A full backup of a small VM can end before the point's metadata is written: the model allows
  // it (a point has its own creation time), whatever today's generator happens to draw.
  const task = app.store.backupTaskSessions
    .between(0, now)
    .filter((x) => x.vmRestorePoint)
    .at(-1)!;
  const late: TaskSession = {
    ...task,
    endTime: now - 1000,
    vmRestorePoint: { ...task.vmRestorePoint!, creationTime: now + 10_000 },
  };
  const session = { ...task.session, tasks: task.session.tasks.map((x: TaskSession) => (x.id === task.id ? late : x)) };
  app.store.change(() => {
    app.store.backupTaskSessions.replace(late);
    app.store.backupSessions.replace(session);
  });
  const uid = `urn:veeam:BackupTaskSession:${task.id}`;
  const lists: [string, string][] = [
    ['/api/backupTaskSessions?format=Entity', 'BackupTaskSessions'],
    [`/api/backupSessions/${task.session.id}/taskSessions?format=Entity`, 'BackupTaskSessions'],
    [`/api/query?type=BackupTaskSession&format=Entities&filter=UID=="${uid}"`, 'Entities'],
  ];
  const related = (e: Entity | undefined) => e?.Links.some((l) => l.Type === 'VmRestorePoint');
  for (const [url, key] of lists) {
    const item = (await entitiesOf(app, token, url, key)).find((e) => e.UID === uid);
    t.notOk(related(item), `${url}: no point yet`);
  }
  real.now += 20_000;
  const own = JSON.parse((await get(app, token, `/api/backupTaskSessions/${task.id}?format=Entity`, 'json')).body);
  t.ok(related(own), 'the task itself now links its point');
  for (const [url, key] of lists) {
    const item = (await entitiesOf(app, token, url, key)).find((e) => e.UID === uid);
    t.same(item, own, `${url}: the list shows the task as it is now`);
  }
});

t.test('a type whose answers read the clock says when they change', async (t) => {
  // Without changesAt an entity is kept forever; without listedChangesAt a list is rebuilt every
  // millisecond. A function's arity tells whether it reads the instant.
  for (const type of resourceTypes) {
    const readsClock = type.entity.length > 1 || (type.queryFields ?? []).some((f) => f.get.length > 1);
    if (readsClock) t.ok(type.changesAt, `${type.path}: changesAt`);
    if (type.listed) t.ok(type.listedChangesAt, `${type.path}: listedChangesAt`);
  }
  // What the default would be: a list that may change every millisecond (correct, never cached).
  const { listedChangesAt: _, ...careless } = resourceTypes.find((type) => type.listedChangesAt)!;
  t.equal(listChangesAt(careless, new Store(), 1000), 1001, 'a list that does not say changes every millisecond');
});

t.test("a job's NextRun stays the same until the instant its type says it changes", async (t) => {
  const HOUR = 3_600_000;
  // An offset past the period too: nextRun then steps at the period boundary, before the run.
  const schedules = [
    { periodMs: 24 * HOUR, offsetMs: 22 * HOUR },
    { periodMs: 6 * HOUR, offsetMs: 0 },
    { periodMs: HOUR, offsetMs: 3 * HOUR + 15 * 60_000 },
  ];
  for (const schedule of schedules) {
    let now = Date.parse('2026-11-29T12:00:00Z');
    for (let i = 0; i < 40; i++) {
      const at = scheduleChangesAt(schedule, now);
      t.ok(at > now, 'later than now');
      // nextRun never decreases, so equal ends mean equal in between.
      t.equal(nextRun(schedule, at - 1), nextRun(schedule, now), 'unchanged just before');
      now = at + (i % 3) * 1000;
    }
  }
});

/** Freezes every object reachable from `root` (what the per-object cache assumes of the model). */
function deepFreeze(root: object, seen = new Set<object>()): void {
  if (seen.has(root)) return;
  seen.add(root);
  for (const v of Object.values(root)) if (v !== null && typeof v === 'object') deepFreeze(v, seen);
  Object.freeze(root);
}

t.test('actions replace model objects, never edit them: a kept fragment cannot go stale', async (t) => {
  const { app, real } = await build({
    estate: 'small',
    historyDays: 1,
    vmsPerRoot: 2,
    restoreSessions: 12,
    idleTimeoutMs: 10 * 86_400_000,
  });
  const token = await logon(app);
  const store = app.store;
  const seen = new Set<object>();
  for (const type of resourceTypes) for (const item of type.collection(store).all()) deepFreeze(item, seen);
  const job = store.jobs.all().find((j) => j.jobType === 'Backup')!;
  const replica = store.jobs.all().find((j) => j.jobType === 'Replica')!;
  const nas = store.nasJobs.all()[0]!;
  const point = store.vmRestorePoints.between(0, app.clock.now()).at(-1)!;
  const repo = `urn:veeam:Repository:${job.backup!.repository.id}`;
  const steps: [string, string, object?][] = [
    ['POST', `/api/jobs/${job.id}?action=start`],
    ['POST', `/api/jobs/${job.id}?action=stop`],
    ['POST', `/api/jobs/${job.id}?action=retry`],
    ['POST', `/api/jobs/${replica.id}?action=stop`],
    ['POST', `/api/jobs/${replica.id}?action=start`],
    ['POST', `/api/jobs/${job.id}?action=toggleScheduleEnabled`],
    [
      'POST',
      `/api/jobs/${job.id}?action=clone`,
      { BackupJobCloneInfo: { JobName: 'c', FolderName: 'c', RepositoryUid: repo } },
    ],
    ['POST', `/api/nas/jobs/${nas.id}/start`],
    ['POST', `/api/nas/jobs/${nas.id}/stop`],
    ['POST', `/api/nas/jobs/${nas.id}/toggleScheduleEnabled`],
    [
      'POST',
      `/api/vmRestorePoints/${point.id}?action=restore`,
      { VmRestoreSpec: { PowerOnAfterRestore: true, QuickRollback: false } },
    ],
    ['POST', `/api/vmRestorePoints/${point.id}/mounts`],
    ['DELETE', `/api/vmRestorePoints/${point.id}/mounts/1`],
    ['DELETE', `/api/jobs/${job.id}`],
  ];
  for (const [method, url, body] of steps) {
    real.now += 20_000;
    const res = await act(app, token, url, { method: method as 'POST' | 'DELETE', ...(body ? { body } : {}) });
    t.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.statusCode < 300 ? '' : res.body}`);
  }
  real.now += 86_400_000;
  const last = await get(app, token, '/api/backupSessions?format=Entity');
  t.equal(last.statusCode, 200, `and every run finished ${last.statusCode === 200 ? '' : last.body}`);
  const tasks = JSON.parse((await get(app, token, '/api/tasks', 'json')).body).Tasks as {
    Operation: string;
    Result: { Success: boolean; Message: string };
  }[];
  t.equal(tasks.length, steps.length - 1, 'a task per action (unmounting makes none)');
  for (const task of tasks) t.ok(task.Result.Success, `${task.Operation}: ${task.Result.Message}`);
});

t.test('an entity that still changes is rendered once per change instant, not once per request', async (t) => {
  let builds = 0;
  const build = () => {
    builds++;
    return el('RestoreSession', { attrs: { Progress: builds } });
  };
  const renderer = {};
  const item = {};
  const first = renderedUntil(renderer, item, 1000, 2000, build);
  t.equal(builds, 1);
  t.equal(renderedUntil(renderer, item, 1999, 2000, build), first, 'kept until the instant it changes');
  t.equal(builds, 1);
  const next = renderedUntil(renderer, item, 2000, 3000, build);
  t.equal(builds, 2, 'rendered afresh at that instant');
  t.not(next, first);
  renderedUntil(renderer, item, 1500, 2000, build);
  t.equal(builds, 3, 'a clock set back renders afresh too');
  t.equal(renderedUntil({}, item, 1500, 2000, build) === next, false, 'another renderer keeps its own');
  fragmentCache.enabled = false;
  t.teardown(() => {
    fragmentCache.enabled = true;
  });
  const off = renderedUntil(renderer, item, 1500, 2000, build);
  t.equal(off.kind, 'el', 'with the cache off, the tree itself, built every time');
  t.equal(builds, 5);
});
