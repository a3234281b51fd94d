import t from 'tap';
import { build, logon, get, HOST } from './helper.js';
import { control, json } from './controlHelper.js';

t.test('the journal lists API requests newest first, with filters', async (t) => {
  const { app, real } = await build();
  t.teardown(() => app.close());
  const token = await logon(app);
  real.now += 2000;
  await get(app, token, '/api/restoreSessions?format=Entity', 'json');
  await get(app, token, '/api/nothing');
  await app.inject({
    method: 'POST',
    url: '/api/restoreSessions',
    headers: { host: HOST, 'x-restsvcsessionid': token },
    payload: 'abc',
  });
  await control(app, 'GET', '/__mock/clock');

  const all = json(await control(app, 'GET', '/__mock/requests'));
  t.equal(all.total, 4, 'control-plane calls are not journaled');
  t.equal(all.kept, 4);
  t.same(
    all.requests.map((r: { seq: number; method: string; url: string; status: number; user: string }) => [
      r.seq,
      r.method,
      r.url,
      r.status,
      r.user,
    ]),
    [
      [4, 'POST', '/api/restoreSessions', 405, 'admin'],
      [3, 'GET', '/api/nothing', 404, 'admin'],
      [2, 'GET', '/api/restoreSessions?format=Entity', 200, 'admin'],
      [1, 'POST', '/api/sessionMngr/?v=latest', 201, 'admin'],
    ],
  );
  const entry = all.requests[2];
  t.equal(entry.time, '2026-11-29T12:00:02.000Z', 'mock-clock time of arrival');
  t.equal(entry.headers.accept, 'application/json');
  t.equal(entry.fault, null);
  t.type(entry.durationMs, 'number');
  t.equal(all.requests[0].bodyBytes, 3);

  const pick = async (query: string) =>
    json(await control(app, 'GET', `/__mock/requests?${query}`)).requests.map((r: { seq: number }) => r.seq);
  t.same(await pick('method=post'), [4, 1]);
  t.same(await pick('status=4xx'), [4, 3]);
  t.same(await pick('status=200'), [2]);
  t.same(await pick('path=/API/restoreSessions'), [4, 2]);
  t.same(await pick('path=/api/*'), [4, 3, 2, 1], 'a trailing slash is optional');
  t.same(await pick('path=/api/**&limit=2'), [4, 3]);
  for (const [query, error] of [
    ['status=ok', 'status: expected a status like 404 or a class like 4xx, got "ok"'],
    ['limit=0', 'limit: expected a positive integer, got "0"'],
    ['path=api', 'path: a path pattern starts with /, e.g. /api/restoreSessions*'],
  ]) {
    const res = await control(app, 'GET', `/__mock/requests?${query}`);
    t.equal(res.statusCode, 400);
    t.equal(json(res).error, error);
  }
  t.equal((await control(app, 'DELETE', '/__mock/requests')).body, '{"cleared":4}');
  t.equal((await control(app, 'GET', '/__mock/requests')).body, '{"total":0,"kept":0,"requests":[]}');
});

t.test('a fault applied is recorded with its rule id', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  await control(app, 'POST', '/__mock/faults', { path: '/api/', action: 'error', status: 500 });
  await app.inject({ method: 'GET', url: '/api/', headers: { host: HOST } });
  t.match(json(await control(app, 'GET', '/__mock/requests')).requests, [
    { url: '/api/', status: 500, fault: 1, user: null },
  ]);
});

t.test('the journal bound holds under 10 000 requests', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  for (let i = 0; i < 10_000; i++) await app.inject({ method: 'GET', url: `/api/?n=${i}`, headers: { host: HOST } });
  const body = json(await control(app, 'GET', '/__mock/requests'));
  t.equal(body.total, 10_000);
  t.equal(body.kept, 1000, 'default bound');
  t.equal(body.requests.length, 1000);
  t.equal(body.requests[0].url, '/api/?n=9999');
  t.equal(body.requests[999].url, '/api/?n=9000');
});

t.test('the bound is configurable; 0 keeps nothing', async (t) => {
  for (const size of [3, 0]) {
    const { app } = await build({ journalSize: size });
    for (let i = 0; i < 5; i++) await app.inject({ method: 'GET', url: `/api/?n=${i}`, headers: { host: HOST } });
    const body = json(await control(app, 'GET', '/__mock/requests'));
    t.same(
      [body.total, body.kept, body.requests.map((r: { url: string }) => r.url)],
      [5, size, ['/api/?n=4', '/api/?n=3', '/api/?n=2'].slice(0, size)],
    );
    await app.close();
  }
});

// Issue 13: the journal kept Basic credentials and tokens in clear, and was bounded by count only
// (255 MB kept in one probe with long headers).
t.test('the journal and the logon-session list redact secrets unless asked to show them', async (t) => {
  for (const showSecrets of [false, true]) {
    const { app } = await build({ showSecrets });
    const token = await logon(app);
    await app.inject({
      method: 'GET',
      url: '/api/backupServers',
      headers: {
        host: HOST,
        'x-restsvcsessionid': token,
        cookie: 'a=1; X-RestSvcSessionId=secret',
        authorization: 'Bearer abc.def',
      },
    });
    const [get1, logon1] = json(await control(app, 'GET', '/__mock/requests')).requests;
    const listed = json(await control(app, 'GET', '/__mock/logonSessions')).logonSessions[0];
    if (showSecrets) {
      t.equal(logon1.headers.authorization, 'Basic YWRtaW46YWRtaW4=');
      t.same(
        [get1.headers['x-restsvcsessionid'], get1.headers.cookie, get1.headers.authorization],
        [token, 'a=1; X-RestSvcSessionId=secret', 'Bearer abc.def'],
      );
      t.equal(listed.token, token);
    } else {
      t.equal(logon1.headers.authorization, 'Basic [redacted]');
      t.same(
        [get1.headers['x-restsvcsessionid'], get1.headers.cookie, get1.headers.authorization],
        ['[redacted]', 'a=[redacted]; X-RestSvcSessionId=[redacted]', 'Bearer [redacted]'],
      );
      t.equal(listed.token, '[redacted]');
      const all =
        (await control(app, 'GET', '/__mock/requests')).body +
        (await control(app, 'GET', '/__mock/logonSessions')).body;
      t.notOk(all.includes(token) || all.includes('YWRtaW46YWRtaW4=') || all.includes('secret'), 'no secret anywhere');
    }
    await app.close();
  }
});

t.test('long header values and URLs are truncated with a marker; the journal is bounded by bytes too', async (t) => {
  const { Journal } = await import('../src/control/journal.js');
  const { app } = await build();
  t.teardown(() => app.close());
  await app.inject({
    method: 'GET',
    url: `/api/?q=${'u'.repeat(3000)}`,
    headers: { host: HOST, 'x-long': 'v'.repeat(5000) },
  });
  const [e] = json(await control(app, 'GET', '/__mock/requests')).requests;
  t.equal(e.headers['x-long'], `${'v'.repeat(1024)}…[truncated 3976 characters]`);
  t.equal(e.url, `/api/?q=${'u'.repeat(2040)}…[truncated 960 characters]`);

  // 100 KB of headers per request: 8 MB hold about 80 entries, whatever the count bound.
  const journal = new Journal(1000);
  const headers: Record<string, string> = {};
  for (let i = 0; i < 100; i++) headers[`x-h${i}`] = 'x'.repeat(1000);
  const entry = {
    time: '',
    method: 'GET',
    url: '/api/',
    status: 200,
    user: null,
    headers,
    bodyBytes: 0,
    body: null,
    durationMs: 0,
    fault: null,
  };
  for (let i = 0; i < 1000; i++) journal.record(entry);
  t.equal(journal.total, 1000);
  t.ok(journal.size >= 70 && journal.size <= 84, `kept ${journal.size}`);
  t.equal(journal.list()[0]!.seq, 1000, 'the newest are kept');
  t.equal(journal.list().at(-1)!.seq, 1001 - journal.size);
  // One entry bigger than the whole bound is still kept (alone), so the newest request shows.
  const tiny = new Journal(10, false, 1000);
  tiny.record(entry);
  tiny.record(entry);
  t.same([tiny.size, tiny.list()[0]!.seq], [1, 2]);
});
