import t from 'tap';
import { build, get, logon, BASE } from './helper.js';
import { act, guid } from './actionHelper.js';

// vSphere Backup 1 (seed 1, clock 2026-11-29T12:00Z) is idle at the clock start; its backup copy runs.
const JOB = '1c215130-8d50-4c63-b43e-b7d13eb1974a';
const XML_HEAD =
  '<?xml version="1.0" encoding="utf-8"?><Task xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';

t.test('start answers 202 with a Running StartJob task, in XML and JSON (docs: POST /jobs/{ID}?action=start)', async (t) => {
  const { app } = await build();
  const token = await logon(app);
  const xml = await act(app, token, `/api/jobs/${JOB}?action=start`);
  t.equal(xml.statusCode, 202);
  t.equal(xml.headers['content-type'], 'application/xml');
  t.equal(
    xml.body,
    `${XML_HEAD} Href="${BASE}/api/tasks/task-1" Type="Task" xmlns="http://www.veeam.com/ent/v1.0"><Links><Link Href="${BASE}/api/tasks/task-1" Type="Task" Rel="Delete" /></Links><TaskId>task-1</TaskId><State>Running</State><Operation>StartJob</Operation></Task>`,
  );
  t.equal(xml.headers['content-length'], String(Buffer.byteLength(xml.body)));
  // Starting it again while it runs: accepted, and the task reports the backup server's refusal.
  const json = await act(app, token, `/api/jobs/urn:veeam:Job:${JOB}?action=START`, { fmt: 'json' });
  t.equal(json.statusCode, 202);
  t.equal(json.headers['content-type'], 'application/json');
  t.equal(
    json.body,
    `{"TaskId":"task-2","State":"Running","Operation":"StartJob","Links":[{"Rel":"Delete","Href":"${BASE}/api/tasks/task-2","Type":"Task"}],"Href":"${BASE}/api/tasks/task-2","Type":"Task"}`,
  );
  await app.close();
});

t.test('a task finishes on the clock with its Result and a Related link to the session it started', async (t) => {
  const { app, real } = await build();
  const token = await logon(app);
  await act(app, token, `/api/jobs/${JOB}?action=start`);
  await act(app, token, `/api/jobs/${JOB}?action=start`);
  t.match((await get(app, token, '/api/tasks/task-1', 'json')).body, /"State":"Running"/);
  real.now += 2000;
  const session = '2356ce4d-6e13-4334-b91e-c1722e38d6c4';
  t.equal(
    (await get(app, token, '/api/tasks/task-1', 'json')).body,
    `{"TaskId":"task-1","State":"Finished","Operation":"StartJob","Result":{"Message":"Job \\"vSphere Backup 1\\" triggered to start.","Success":true},` +
      `"Links":[{"Rel":"Delete","Href":"${BASE}/api/tasks/task-1","Type":"Task"},{"Rel":"Related","Href":"${BASE}/api/backupSessions/${session}?format=Entity","Name":"vSphere Backup 1@2026-11-29 12:00:00","Type":"BackupJobSession"}],` +
      `"Href":"${BASE}/api/tasks/task-1","Type":"Task"}`,
  );
  t.equal(
    (await get(app, token, '/api/tasks/task-2')).body,
    `${XML_HEAD} Href="${BASE}/api/tasks/task-2" Type="Task" xmlns="http://www.veeam.com/ent/v1.0"><Links><Link Href="${BASE}/api/tasks/task-2" Type="Task" Rel="Delete" /></Links><TaskId>task-2</TaskId><State>Finished</State><Operation>StartJob</Operation><Result Success="false"><Message>Job "vSphere Backup 1" is already running.</Message></Result></Task>`,
  );
  const list = JSON.parse((await get(app, token, '/api/tasks', 'json')).body) as { Tasks: { TaskId: string }[] };
  t.same(
    list.Tasks.map((x) => x.TaskId),
    ['task-1', 'task-2'],
  );
  t.match((await get(app, token, '/api/tasks')).body, /^<\?xml[^>]*\?><Tasks xmlns:xsd=[^>]*><Task Href=/);
  await app.close();
});

t.test('tasks belong to their user: readable from a later logon session, 404 for another user', async (t) => {
  const { app } = await build({ users: [{ name: 'admin', password: 'admin' }, { name: 'op', password: 'pw' }] });
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
