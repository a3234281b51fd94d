import t from 'tap';
import type { FastifyInstance } from 'fastify';
import { build, get, logon, type Fmt } from './helper.js';
import { act, guid } from './actionHelper.js';
import { matchExpected } from './expected.js';

// Seed 1, clock 2026-11-29T12:00Z: both agent jobs of site 1 are idle (they run nightly from 23:00),
// and each protects one computer, so each run leaves one point, taken halfway through.
const WIN1 = 'e8c5a40d-0e55-4eaa-a93d-6ebf7e70e424';
const LNX1 = '812dfea1-f64a-4fd8-9920-bedc3ca681c4';
const MIN = 60_000;

type Json = Record<string, any>;
const json = async (app: FastifyInstance, token: string, url: string) =>
  JSON.parse((await get(app, token, url, 'json')).body) as Json;
/** The GUIDs a reference list (or a query's page of references) names, in order. */
const refs = async (app: FastifyInstance, token: string, url: string) => {
  const { Refs } = await json(app, token, url);
  return ((Array.isArray(Refs) ? Refs : Refs.Refs) as { UID: string }[]).map((r) => guid(r.UID));
};
const relatedOf = (task: Json) =>
  (task.Links as { Rel: string; Href: string }[]).find((l) => l.Rel === 'Related')!.Href.replace(/^http:\/\/[^/]+/, '');
const lastTask = async (app: FastifyInstance, token: string) =>
  ((await json(app, token, '/api/tasks')).Tasks as Json[]).at(-1)!;

t.test(
  'start: 202 with a Running StartJob task, then Finished with a Related link to the session (docs: POST /agents/jobs/{ID}?action=start)',
  async (t) => {
    const { app, real } = await build();
    const token = await logon(app);
    const xml = await act(app, token, `/api/agents/jobs/${WIN1}?action=start`);
    t.equal(xml.statusCode, 202);
    t.equal(xml.headers['content-length'], String(Buffer.byteLength(xml.body)));
    matchExpected(t, xml.body, 'actions/agent-start-task-running', 'xml');
    const inJson = await act(app, token, `/api/agents/jobs/${LNX1}?action=start`, { fmt: 'json' });
    t.equal(inJson.statusCode, 202);
    t.equal(inJson.headers['content-type'], 'application/json');
    matchExpected(t, inJson.body, 'actions/agent-start-task-running', 'json');
    real.now += 2000;
    const finished = await get(app, token, '/api/tasks/task-1', 'json');
    matchExpected(t, finished.body, 'actions/agent-start-task-finished', 'json');
    matchExpected(t, (await get(app, token, '/api/tasks/task-1')).body, 'actions/agent-start-task-finished', 'xml');
    await app.close();
  },
);

t.test('the session started: Working, then ended with its result, in XML and JSON', async (t) => {
  const { app, real } = await build();
  const token = await logon(app);
  await act(app, token, `/api/agents/jobs/${WIN1}?action=start`);
  real.now += 2000;
  const session = relatedOf(await json(app, token, '/api/tasks/task-1'));
  for (const fmt of ['xml', 'json'] as Fmt[])
    matchExpected(t, (await get(app, token, session, fmt)).body, 'actions/agent-session-working', fmt);
  real.now += 30 * MIN;
  const token2 = await logon(app);
  for (const fmt of ['xml', 'json'] as Fmt[])
    matchExpected(t, (await get(app, token2, session, fmt)).body, 'actions/agent-session-success', fmt);
  await app.close();
});

t.test('the run is listed wherever backup job sessions are, and its point once taken', async (t) => {
  const { app, real } = await build();
  let token = await logon(app);
  const lists = [
    '/api/agents/backupSessions',
    `/api/agents/jobs/${WIN1}/backupSessions`,
    '/api/backupSessions',
    '/api/query?type=BackupJobSession&filter=JobType==AgentBackup',
  ];
  const before = await Promise.all(lists.map((l) => refs(app, token, l)));
  const pointsBefore = await refs(app, token, '/api/agents/agentRestorePoints');
  app.control.setOutcomes({ jobRun: { duration: '10m' } });
  await act(app, token, `/api/agents/jobs/${WIN1}?action=start`);
  real.now += 2000;
  const id = relatedOf(await json(app, token, '/api/tasks/task-1'))
    .split('/')
    .pop()!
    .split('?')[0]!;
  for (const [i, l] of lists.entries()) t.same(await refs(app, token, l), [...before[i]!, id], `listed in ${l}`);
  t.same((await json(app, token, `/api/backupSessions/${id}?format=Entity`)).State, 'Working');
  t.notOk((await refs(app, token, `/api/agents/jobs/${LNX1}/backupSessions`)).includes(id), 'not in another job');
  real.now += 4 * MIN;
  t.same(await refs(app, token, '/api/agents/agentRestorePoints'), pointsBefore, 'not taken yet at 4 of 10 minutes');
  real.now += 2 * MIN;
  const taken = await refs(app, token, '/api/agents/agentRestorePoints');
  t.equal(taken.length, pointsBefore.length + 1, 'taken halfway through');
  const point = await json(app, token, `/api/agents/agentRestorePoints/${taken.at(-1)}?format=Entity`);
  t.match(point, { Name: 'ws101.tech.local@2026-11-29 12:05:00', CreationTimeUTC: '2026-11-29T12:05:00Z' });
  real.now += 4 * MIN;
  token = await logon(app);
  t.match(await json(app, token, `/api/backupSessions/${id}?format=Entity`), {
    State: 'Stopped',
    Result: 'Success',
    EndTimeUTC: '2026-11-29T12:10:00Z',
  });
  await app.close();
});

t.test('what the backup server refuses is reported in the task and changes nothing', async (t) => {
  const { app, real } = await build();
  const token = await logon(app);
  const listed = async () => (await get(app, token, '/api/agents/backupSessions?format=Entity')).body;
  const idle = await listed();
  // Stop while idle; retry after a successful run.
  await act(app, token, `/api/agents/jobs/${WIN1}?action=stop`);
  await act(app, token, `/api/agents/jobs/${WIN1}?action=retry`);
  t.equal(await listed(), idle, 'nothing started or stopped');
  await act(app, token, `/api/agents/jobs/${WIN1}?action=start`);
  const running = await listed();
  // Start and retry while it runs.
  await act(app, token, `/api/agents/jobs/${WIN1}?action=start`);
  await act(app, token, `/api/agents/jobs/${WIN1}?action=retry`);
  t.equal(await listed(), running, 'nothing more started');
  real.now += 2000;
  const tasks = ((await json(app, token, '/api/tasks')).Tasks as Json[]).map((x) => [
    x.Operation,
    x.Result.Success,
    x.Result.Message,
  ]);
  t.same(tasks, [
    ['StopAgentJob', false, 'Job "Windows Agent Backup 1" is not running.'],
    ['RetryAgentJob', false, 'Job "Windows Agent Backup 1" has nothing failed to retry.'],
    ['StartJob', true, 'Job "Windows Agent Backup 1" triggered to start.'],
    ['StartJob', false, 'Job "Windows Agent Backup 1" is already running.'],
    ['RetryAgentJob', false, 'Job "Windows Agent Backup 1" is already running.'],
  ]);
  await app.close();
});

t.test('stop ends the run Failed now; points not yet taken never are; retry runs again', async (t) => {
  const { app, real } = await build();
  let token = await logon(app);
  const points = () => refs(app, token, '/api/agents/agentRestorePoints');
  const before = await points();
  const sessions = async () =>
    (await json(app, token, `/api/agents/jobs/${LNX1}/backupSessions?format=Entity`)).BackupJobSessions as Json[];
  app.control.setOutcomes({ jobRun: { duration: '10m' } });
  await act(app, token, `/api/agents/jobs/${LNX1}?action=start`);
  real.now += 2 * MIN;
  await act(app, token, `/api/agents/jobs/${LNX1}?action=stop`);
  t.match((await sessions()).at(-1), {
    State: 'Stopped',
    Result: 'Failed',
    EndTimeUTC: '2026-11-29T12:02:00Z',
    IsRetry: false,
  });
  real.now += 20 * MIN;
  token = await logon(app);
  t.same(await points(), before, 'the point due at 5 minutes was never taken');
  t.match(await lastTask(app, token), {
    Operation: 'StopAgentJob',
    Result: { Success: true, Message: 'Job "Linux Agent Backup 1" triggered to stop.' },
  });

  // The failed run can be retried; stopped after its point was taken, the point stays.
  app.control.setOutcomes({ jobRun: { duration: '10m' } });
  await act(app, token, `/api/agents/jobs/${LNX1}?action=retry`);
  real.now += 2000;
  const retry = await lastTask(app, token);
  t.match(retry, {
    Operation: 'RetryAgentJob',
    Result: { Success: true, Message: 'Job "Linux Agent Backup 1" triggered to retry.' },
  });
  t.match(await json(app, token, relatedOf(retry)), { State: 'Working', IsRetry: true });
  real.now += 6 * MIN;
  await act(app, token, `/api/agents/jobs/${LNX1}?action=stop`);
  t.match((await sessions()).at(-1), { State: 'Stopped', Result: 'Failed', IsRetry: true });
  const after = await points();
  t.equal(after.length, before.length + 1, 'the point taken before the stop stays');
  const p = app.store.agentRestorePoints.get(after.at(-1)!)!;
  t.equal(p.session.result, 'Failed', 'and belongs to the stopped session');
  t.equal(p.session.endTime, app.clock.now());
  await app.close();
});

t.test('outcomes say how the next agent run ends, once; a failed run leaves no point', async (t) => {
  const { app, real } = await build();
  let token = await logon(app);
  const points = async () => (await refs(app, token, '/api/agents/agentRestorePoints')).length;
  const before = await points();
  const outcome = await app.inject({
    method: 'PUT',
    url: '/__mock/outcomes',
    headers: { 'content-type': 'application/json' },
    payload: { jobRun: { result: 'Warning', duration: '4m' } },
  });
  t.equal(outcome.statusCode, 200);
  await act(app, token, `/api/agents/jobs/${WIN1}?action=start`);
  real.now += 4 * MIN;
  t.match(await json(app, token, relatedOf(await lastTask(app, token))), {
    State: 'Stopped',
    Result: 'Warning',
    EndTimeUTC: '2026-11-29T12:04:00Z',
  });
  t.equal(await points(), before + 1, 'a run with warnings leaves its point');
  app.control.setOutcomes({ jobRun: { result: 'Failed' } });
  await act(app, token, `/api/agents/jobs/${WIN1}?action=start`);
  real.now += 30 * MIN;
  token = await logon(app);
  t.match(await json(app, token, relatedOf(await lastTask(app, token))), { Result: 'Failed' });
  t.equal(await points(), before + 1, 'a failed run leaves none');
  // The outcome was used once: the next run succeeds.
  await act(app, token, `/api/agents/jobs/${WIN1}?action=start`);
  real.now += 30 * MIN;
  token = await logon(app);
  t.match(await json(app, token, relatedOf(await lastTask(app, token))), { Result: 'Success' });
  await app.close();
});

t.test('toggleScheduleEnabled: an UpdateJob task; ScheduleEnabled flips in the entity and the query', async (t) => {
  const { app, real } = await build();
  const token = await logon(app);
  const enabled = async () => (await json(app, token, `/api/agents/jobs/${WIN1}?format=Entity`)).ScheduleEnabled;
  const disabledByQuery = async () => refs(app, token, '/api/query?type=AgentBackupJob&filter=ScheduleEnabled==false');
  t.equal(await enabled(), true);
  t.equal((await act(app, token, `/api/agents/jobs/${WIN1}?action=toggleScheduleEnabled`)).statusCode, 202);
  t.equal(await enabled(), false);
  t.same(await disabledByQuery(), [WIN1]);
  real.now += 2000;
  t.match(await lastTask(app, token), { Operation: 'UpdateJob', Result: { Success: true, Message: 'Ok' } });
  await act(app, token, `/api/agents/jobs/urn:veeam:AgentBackupJob:${WIN1}?action=TOGGLESCHEDULEENABLED`);
  t.equal(await enabled(), true);
  t.same(await disabledByQuery(), []);
  await app.close();
});

t.test('EM-shaped errors: unknown job 404, missing or unknown action 400, wrong method 405 with Allow', async (t) => {
  const { app } = await build();
  const token = await logon(app);
  const unknown = await act(app, token, '/api/agents/jobs/00000000-0000-0000-0000-000000000000?action=start', {
    fmt: 'json',
  });
  t.equal(unknown.statusCode, 404);
  t.match(JSON.parse(unknown.body), {
    StatusCode: 404,
    Message: /00000000-0000-0000-0000-000000000000 does not exist/,
  });
  const none = await act(app, token, `/api/agents/jobs/${WIN1}`, { fmt: 'json' });
  t.equal(none.statusCode, 400);
  t.equal(
    JSON.parse(none.body).Message,
    'POST to an agent backup job needs an action query parameter: one of start, stop, retry, toggleScheduleEnabled.',
  );
  const bad = await act(app, token, `/api/agents/jobs/${WIN1}?action=clone`);
  t.equal(bad.statusCode, 400);
  t.match(
    bad.body,
    'Unknown action &quot;clone&quot; for an agent backup job: expected one of start, stop, retry, toggleScheduleEnabled.',
  );
  const put = await act(app, token, `/api/agents/jobs/${WIN1}?action=start`, { method: 'PUT' });
  t.equal(put.statusCode, 405);
  t.equal(put.headers.allow, 'GET, HEAD, POST');
  t.equal(app.store.tasks.length, 0, 'no task for a refused request');
  t.equal((await get(app, token, `/api/agents/jobs/${WIN1}?action=start`)).statusCode, 200, 'a GET just reads the job');
  await app.close();
});

t.test('a cached /agents/backupSessions answer is not served after a start', async (t) => {
  const { app } = await build();
  const token = await logon(app);
  for (const fmt of ['xml', 'json'] as Fmt[]) {
    const url = `/api/agents/backupSessions${fmt === 'xml' ? '' : '?format=Entity'}`;
    const first = await get(app, token, url, fmt);
    t.equal((await get(app, token, url, fmt)).body, first.body);
    const sizeBefore = app.responses.size;
    t.ok(sizeBefore > 0, 'the answer was cached');
    await act(app, token, `/api/agents/jobs/${fmt === 'xml' ? WIN1 : LNX1}?action=start`);
    const after = await get(app, token, url, fmt);
    t.not(after.body, first.body, `the new run is listed (${fmt})`);
    app.responses.enabled = false;
    t.equal((await get(app, token, url, fmt)).body, after.body, `as a freshly built answer (${fmt})`);
    app.responses.enabled = true;
  }
  await app.close();
});

t.test('same actions give byte-identical answers; a reset drops what they made', async (t) => {
  const run = async () => {
    const { app, real } = await build();
    const token = await logon(app);
    await act(app, token, `/api/agents/jobs/${WIN1}?action=start`);
    await act(app, token, `/api/agents/jobs/${LNX1}?action=start`);
    real.now += 3 * MIN;
    await act(app, token, `/api/agents/jobs/${LNX1}?action=stop`);
    real.now += 30 * MIN;
    const bodies = [];
    for (const url of [
      '/api/agents/backupSessions?format=Entity',
      '/api/agents/agentRestorePoints?format=Entity',
      '/api/tasks',
    ])
      for (const fmt of ['xml', 'json'] as Fmt[]) bodies.push((await get(app, token, url, fmt)).body);
    return { app, bodies };
  };
  const a = await run();
  const b = await run();
  t.same(a.bodies, b.bodies);
  const pristine = await build();
  const pToken = await logon(pristine.app);
  const listed = (await get(pristine.app, pToken, '/api/agents/backupSessions')).body;
  a.app.control.reset();
  const token = await logon(a.app);
  t.equal((await get(a.app, token, '/api/agents/backupSessions')).body, listed, 'the runs are gone');
  t.equal((await get(a.app, token, '/api/tasks', 'json')).body, '{"Tasks":[]}');
  await Promise.all([a.app.close(), b.app.close(), pristine.app.close()]);
});
