import t from 'tap';
import { build, get, logon } from './helper.js';
import { control, json } from './controlHelper.js';
import { act } from './actionHelper.js';
import { startMockServer } from '../src/index.js';

const JOB = '1c215130-8d50-4c63-b43e-b7d13eb1974a';

t.test('GET/PUT /__mock/outcomes: defaults, partial updates, null clears, each used once', async (t) => {
  const { app, real } = await build();
  t.same(json(await control(app, 'GET', '/__mock/outcomes')), { jobRun: null, restore: null, taskDurationMs: 2000 });
  const put = await control(app, 'PUT', '/__mock/outcomes', {
    jobRun: { result: 'failed', duration: '90s', message: 'Disk full.' },
    taskDuration: '10s',
  });
  t.equal(put.statusCode, 200);
  t.same(json(put), {
    jobRun: { result: 'Failed', durationMs: 90_000, message: 'Disk full.' },
    restore: null,
    taskDurationMs: 10_000,
  });
  t.same(json(await control(app, 'PUT', '/__mock/outcomes', { restore: { duration: 1000 } })).restore, {
    durationMs: 1000,
  });
  t.same(json(await control(app, 'PUT', '/__mock/outcomes', { restore: null })).restore, null);
  const token = await logon(app);
  await act(app, token, `/api/jobs/${JOB}?action=start`);
  // The job run took its outcome; the task duration stays.
  t.same(json(await control(app, 'GET', '/__mock/outcomes')), { jobRun: null, restore: null, taskDurationMs: 10_000 });
  real.now += 9_999;
  t.match((await get(app, token, '/api/tasks/task-1')).body, /<State>Running</);
  real.now += 1;
  t.match((await get(app, token, '/api/tasks/task-1')).body, /<State>Finished</);
  real.now += 90_000;
  t.match(
    (await get(app, token, `/api/jobs/${JOB}/backupSessions?format=Entity`, 'json')).body,
    /"EndTimeUTC":"2026-11-29T12:01:30Z","State":"Stopped","Result":"Failed"/,
  );
  await app.close();
});

t.test('bad outcomes are a 400 naming the field, and change nothing', async (t) => {
  const { app } = await build();
  const cases: [unknown, string][] = [
    [{ jobRun: { result: 'Great' } }, 'jobRun.result: expected one of Success, Warning, Failed, got "Great"'],
    [{ restore: { duration: '-5m' } }, 'restore.duration: expected a duration'],
    [{ jobRun: { colour: 'red' } }, 'jobRun.colour: unknown field'],
    [{ taskDuration: 'soon' }, 'taskDuration: expected a duration'],
    [{ jobRun: 'fail' }, 'jobRun: expected a JSON object'],
    [{ other: 1 }, 'other: unknown field'],
  ];
  for (const [body, message] of cases) {
    const res = await control(app, 'PUT', '/__mock/outcomes', body);
    t.equal(res.statusCode, 400, JSON.stringify(body));
    t.match(json(res).error, message);
  }
  t.same(json(await control(app, 'GET', '/__mock/outcomes')), { jobRun: null, restore: null, taskDurationMs: 2000 });
  await app.close();
});

t.test('reset drops tasks, action-made sessions and outcomes', async (t) => {
  const { app } = await build();
  const token = await logon(app);
  const sessionsBefore = (await get(app, token, '/api/backupSessions')).body;
  await control(app, 'PUT', '/__mock/outcomes', { taskDuration: '1m' });
  await act(app, token, `/api/jobs/${JOB}?action=start`);
  await act(app, token, `/api/jobs/${JOB}?action=toggleScheduleEnabled`);
  await control(app, 'POST', '/__mock/reset');
  const fresh = await logon(app);
  t.equal((await get(app, fresh, '/api/tasks', 'json')).body, '{"Tasks":[]}');
  t.equal((await get(app, fresh, '/api/backupSessions')).body, sessionsBefore);
  t.match((await get(app, fresh, `/api/jobs/${JOB}?format=Entity`)).body, /<ScheduleEnabled>true</);
  t.same(json(await control(app, 'GET', '/__mock/outcomes')).taskDurationMs, 2000);
  await app.close();
});

t.test('same seed, clock and actions give byte-identical answers and ids', async (t) => {
  const run = async () => {
    const { app, real } = await build();
    const token = await logon(app);
    const bodies: string[] = [];
    app.control.setOutcomes({ jobRun: { result: 'Warning' } });
    bodies.push((await act(app, token, `/api/jobs/${JOB}?action=start`)).body);
    real.now += 5 * 60_000;
    bodies.push((await act(app, token, `/api/jobs/${JOB}?action=stop`, { fmt: 'json' })).body);
    bodies.push((await get(app, token, '/api/tasks', 'json')).body);
    bodies.push((await get(app, token, `/api/jobs/${JOB}/backupSessions?format=Entity`, 'json')).body);
    bodies.push((await get(app, token, '/api/backupTaskSessions?format=Entity')).body);
    await app.close();
    return bodies;
  };
  t.same(await run(), await run());
});

t.test('the library sets outcomes as the control plane does', async (t) => {
  const mock = await startMockServer({ clockStart: '2026-11-29T12:00:00Z', frozen: true, restoreSessions: 5 });
  t.teardown(() => mock.close());
  t.same(mock.outcomes.set({ restore: { result: 'Failed', duration: '2m' } }), {
    jobRun: null,
    restore: { result: 'Failed', durationMs: 120_000 },
    taskDurationMs: 2000,
  });
  t.same(mock.outcomes.get().restore, { result: 'Failed', durationMs: 120_000 });
  t.throws(() => mock.outcomes.set({ taskDuration: 'x' } as never), { message: /taskDuration/ });
});

t.test('the journal keeps the bodies clients send to actions, bounded; never logon bodies or GETs', async (t) => {
  const { app } = await build();
  const token = await app.inject({
    method: 'POST',
    url: '/api/sessionMngr/?v=latest',
    headers: { host: 'em.test:9398', authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` },
    payload: 'secret',
  });
  const t0 = token.headers['x-restsvcsessionid'] as string;
  const clone = { BackupJobCloneInfo: { JobName: 'x'.repeat(51) } };
  await act(app, t0, `/api/jobs/${JOB}?action=clone`, { body: clone });
  await act(app, t0, `/api/jobs/${JOB}?action=clone`, {
    body: { BackupJobCloneInfo: { JobName: 'y'.repeat(10_000) } },
  });
  await get(app, t0, '/api/jobs');
  const entries = json(await control(app, 'GET', '/__mock/requests')).requests as {
    method: string;
    body: string | null;
    bodyBytes: number;
  }[];
  t.same(
    entries.map((e) => e.body?.length ?? null),
    [null, 4096, JSON.stringify(clone).length, null],
  );
  t.equal(entries[2]!.body, JSON.stringify(clone));
  t.equal(entries[1]!.bodyBytes, 10_000 + JSON.stringify({ BackupJobCloneInfo: { JobName: '' } }).length);
  await app.close();
});
