import t from 'tap';
import { build, get, logon } from './helper.js';
import { act } from './actionHelper.js';
import { matchExpected } from './expected.js';

// vSphere Backup 1 (seed 1, clock 2026-11-29T12:00Z) is idle at the clock start; its backup copy runs.
const JOB = '1c215130-8d50-4c63-b43e-b7d13eb1974a';

t.test(
  'start answers 202 with a Running StartJob task, in XML and JSON (docs: POST /jobs/{ID}?action=start)',
  async (t) => {
    const { app } = await build();
    const token = await logon(app);
    const xml = await act(app, token, `/api/jobs/${JOB}?action=start`);
    t.equal(xml.statusCode, 202);
    t.equal(xml.headers['content-type'], 'application/xml');
    matchExpected(t, xml.body, 'actions/start-task-running', 'xml');
    t.equal(xml.headers['content-length'], String(Buffer.byteLength(xml.body)));
    // Starting it again while it runs: accepted, and the task reports the backup server's refusal.
    const json = await act(app, token, `/api/jobs/urn:veeam:Job:${JOB}?action=START`, { fmt: 'json' });
    t.equal(json.statusCode, 202);
    t.equal(json.headers['content-type'], 'application/json');
    matchExpected(t, json.body, 'actions/start-again-task-running', 'json');
    await app.close();
  },
);

t.test('a task finishes on the clock with its Result and a Related link to the session it started', async (t) => {
  const { app, real } = await build();
  const token = await logon(app);
  await act(app, token, `/api/jobs/${JOB}?action=start`);
  await act(app, token, `/api/jobs/${JOB}?action=start`);
  t.match((await get(app, token, '/api/tasks/task-1', 'json')).body, /"State":"Running"/);
  real.now += 2000;
  matchExpected(t, (await get(app, token, '/api/tasks/task-1', 'json')).body, 'actions/start-task-finished', 'json');
  matchExpected(t, (await get(app, token, '/api/tasks/task-2')).body, 'actions/start-again-task-refused', 'xml');
  const list = JSON.parse((await get(app, token, '/api/tasks', 'json')).body) as { Tasks: { TaskId: string }[] };
  t.same(
    list.Tasks.map((x) => x.TaskId),
    ['task-1', 'task-2'],
  );
  t.match((await get(app, token, '/api/tasks')).body, /^<\?xml[^>]*\?><Tasks xmlns:xsd=[^>]*><Task Href=/);
  await app.close();
});

t.test('tasks belong to their user: readable from a later logon session, 404 for another user', async (t) => {
  const { app } = await build({
    users: [
      { name: 'admin', password: 'admin' },
      { name: 'op', password: 'pw' },
    ],
  });
  const first = await logon(app);
  await act(app, first, `/api/jobs/${JOB}?action=start`);
  const later = await logon(app, 'ADMIN', 'admin');
  t.equal((await get(app, later, '/api/tasks/TASK-1')).statusCode, 200);
  const other = await logon(app, 'op', 'pw');
  const res = await get(app, other, '/api/tasks/task-1', 'json');
  t.equal(res.statusCode, 404);
  t.equal(JSON.parse(res.body).Message, 'The task "task-1" does not exist.');
  t.equal((await get(app, other, '/api/tasks', 'json')).body, '{"Tasks":[]}');
  t.equal((await get(app, other, '/api/tasks/task-x')).statusCode, 404);
  await app.close();
});

t.test('DELETE /tasks/{id} removes the task (204); what it did stays done; another user cannot', async (t) => {
  const { app } = await build({
    users: [
      { name: 'admin', password: 'admin' },
      { name: 'op', password: 'pw' },
    ],
  });
  const token = await logon(app);
  await act(app, token, `/api/jobs/${JOB}?action=toggleScheduleEnabled`);
  // post_jobs_id_actiontogglescheduleenabled.md: the toggle's task is an UpdateJob.
  t.equal(JSON.parse((await get(app, token, '/api/tasks/task-1', 'json')).body).Operation, 'UpdateJob');
  const op = await logon(app, 'op', 'pw');
  t.equal((await act(app, op, '/api/tasks/task-1', { method: 'DELETE' })).statusCode, 404);
  const del = await act(app, token, '/api/tasks/task-1', { method: 'DELETE' });
  t.equal(del.statusCode, 204);
  t.equal(del.body, '');
  t.equal((await get(app, token, '/api/tasks/task-1')).statusCode, 404);
  t.equal((await get(app, token, '/api/tasks', 'json')).body, '{"Tasks":[]}');
  t.match((await get(app, token, `/api/jobs/${JOB}?format=Entity`)).body, /<ScheduleEnabled>false</);
  await act(app, token, `/api/jobs/${JOB}?action=toggleScheduleEnabled`);
  t.equal(
    JSON.parse((await get(app, token, '/api/tasks', 'json')).body).Tasks[0].TaskId,
    'task-2',
    'numbers are not reused',
  );
  await app.close();
});
