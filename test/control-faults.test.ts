import t from 'tap';
import { build, logon, get, HOST, basic } from './helper.js';
import { control, json } from './controlHelper.js';

t.test('a fault rule with times: 2 fails exactly two calls, in EM Error shape', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  const token = await logon(app);
  const add = await control(app, 'POST', '/__mock/faults', {
    method: 'get',
    path: '/api/restoreSessions*',
    action: 'error',
    status: 503,
    message: 'Service is down.',
    times: 2,
  });
  t.equal(add.statusCode, 201);
  t.same(json(add), {
    faults: [
      {
        id: 1,
        method: 'GET',
        path: '/api/restoreSessions*',
        user: null,
        action: 'error',
        status: 503,
        message: 'Service is down.',
        delayMs: null,
        probability: 1,
        times: 2,
        skip: 0,
        matched: 0,
        hits: 0,
      },
    ],
  });
  t.equal((await get(app, token, '/api/backupServers')).statusCode, 200, 'other paths pass');
  const xml = await get(app, token, '/api/restoreSessions');
  t.equal(xml.statusCode, 503);
  t.equal(xml.headers['content-type'], 'application/xml');
  t.equal(
    xml.body,
    '<?xml version="1.0" encoding="utf-8"?><Error xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" Message="Service is down." StatusCode="503" xmlns="http://www.veeam.com/ent/v1.0"><FirstChanceExceptionMessage>Service is down.</FirstChanceExceptionMessage></Error>',
  );
  const js = await get(app, token, '/api/restoreSessions', 'json');
  t.equal(js.statusCode, 503);
  t.equal(
    js.body,
    '{"FirstChanceExceptionMessage":"Service is down.","Message":"Service is down.","StackTrace":null,"Status":null,"StatusCode":503}',
  );
  t.equal((await get(app, token, '/api/restoreSessions')).statusCode, 200, 'the third call passes');
  t.match(json(await control(app, 'GET', '/__mock/faults')).faults[0], { id: 1, matched: 3, hits: 2 });
});

t.test('skip lets calls pass first; a default rule matches everything; a fault can replace logon', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  await control(app, 'POST', '/__mock/faults', {
    method: 'POST',
    path: '/api/sessionMngr/',
    action: 'error',
    status: 401,
    skip: 1,
    times: 1,
  });
  t.equal(
    (
      await app.inject({
        method: 'POST',
        url: '/api/sessionMngr/?v=latest',
        headers: { host: HOST, authorization: basic('admin', 'admin') },
      })
    ).statusCode,
    201,
  );
  const second = await app.inject({
    method: 'POST',
    url: '/api/sessionMngr/?v=latest',
    headers: { host: HOST, authorization: basic('admin', 'admin') },
  });
  t.equal(second.statusCode, 401);
  t.match(second.body, /Message="Unauthorized"/, 'default message is the reason phrase');
  await control(app, 'DELETE', '/__mock/faults');
  await control(app, 'POST', '/__mock/faults', { action: 'empty' });
  const res = await app.inject({ method: 'GET', url: '/api/', headers: { host: HOST } });
  t.equal(res.statusCode, 200);
  t.equal(res.body, '');
  t.equal(res.headers['content-length'], '0');
  t.equal((await control(app, 'GET', '/__mock/health')).statusCode, 200, 'the control plane is never faulted');
});

t.test('user-specific rules and delays', async (t) => {
  const { app } = await build({
    users: [
      { name: 'admin', password: 'admin' },
      { name: 'reader', password: 'pw' },
    ],
  });
  t.teardown(() => app.close());
  const admin = await logon(app);
  const reader = await logon(app, 'reader', 'pw');
  await control(app, 'POST', '/__mock/faults', [
    { path: '/api/**', action: 'delay', delay: '30ms', user: 'READER' },
    { path: '/api/backupServers', action: 'error', status: 500, user: 'reader' },
  ]);
  t.equal((await get(app, admin, '/api/backupServers')).statusCode, 200);
  const started = process.hrtime.bigint();
  t.equal((await get(app, reader, '/api/backupServers')).statusCode, 500);
  t.ok(process.hrtime.bigint() - started >= 25_000_000n, 'answered after the delay');
  t.equal((await get(app, reader, '/api/vmRestorePoints')).statusCode, 200, 'a delay alone lets the call through');
  t.same(
    json(await control(app, 'GET', '/__mock/faults')).faults.map(
      (f: { id: number; hits: number; delayMs: number | null }) => [f.id, f.hits, f.delayMs],
    ),
    [
      [1, 2, 30],
      [2, 1, null],
    ],
  );
  t.equal((await control(app, 'DELETE', '/__mock/faults/1')).body, '{"deleted":1}');
  t.equal(json(await control(app, 'DELETE', '/__mock/faults/1')).error, 'There is no fault rule "1".');
  t.equal((await control(app, 'DELETE', '/__mock/faults')).body, '{"cleared":1}');
  t.equal((await get(app, reader, '/api/backupServers')).statusCode, 200, 'cleared');
});

t.test('probability is seeded: the same seed hits the same calls', async (t) => {
  const pattern = async (seed: number) => {
    const { app } = await build({ seed });
    await control(app, 'POST', '/__mock/faults', { path: '/api/', action: 'error', status: 502, probability: 0.5 });
    let out = '';
    for (let i = 0; i < 40; i++)
      out +=
        (await app.inject({ method: 'GET', url: '/api/', headers: { host: HOST } })).statusCode === 502 ? 'x' : '.';
    await app.close();
    return out;
  };
  const a = await pattern(7);
  t.equal(a, await pattern(7));
  t.not(a, await pattern(8));
  t.ok(a.includes('x') && a.includes('.'), a);
});

t.test('bad rules get 400 naming the field; nothing is added', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  const cases: [unknown, string][] = [
    [{}, 'action: required: one of error, delay, drop, empty'],
    [{ action: 'explode' }, 'action: expected one of error, delay, drop, empty, got "explode"'],
    [{ action: 'error', status: 200 }, 'status: must be between 400 and 599, got 200'],
    [{ action: 'drop', status: 500 }, 'status: does not apply to action drop'],
    [{ action: 'empty', message: 'x' }, 'message: does not apply to action empty'],
    [{ action: 'delay' }, 'delay: required for action delay, e.g. "2s"'],
    [{ action: 'error', delay: '1s' }, 'delay: does not apply to action error'],
    [{ action: 'delay', delay: '11m' }, 'delay: must be between 0 and 600000 ms (10m), got "11m"'],
    [{ action: 'drop', probability: 2 }, 'probability: must be between 0 and 1, got 2'],
    [{ action: 'drop', times: 0 }, 'times: must be between 1 and 9007199254740991, got 0'],
    [{ action: 'drop', skip: 1.5 }, 'skip: expected an integer, got 1.5'],
    [{ action: 'drop', path: 'api/x' }, 'path: a path pattern starts with /, e.g. /api/restoreSessions*'],
    [{ action: 'drop', method: 'GE T' }, 'method: expected an HTTP method such as GET, or *'],
    [[{ action: 'drop' }, { action: 'nope' }], '[1].action: expected one of error, delay, drop, empty, got "nope"'],
  ];
  for (const [body, message] of cases) {
    const res = await control(app, 'POST', '/__mock/faults', body);
    t.equal(res.statusCode, 400, JSON.stringify(body));
    t.equal(json(res).error, message);
  }
  t.equal(
    json(await control(app, 'POST', '/__mock/faults')).error,
    'The body must be a fault rule (or an array of rules) as JSON.',
  );
  t.equal((await control(app, 'GET', '/__mock/faults')).body, '{"faults":[]}');
});
