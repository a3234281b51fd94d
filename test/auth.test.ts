import t from 'tap';
import { build, logon, get, HOST, BASE, basic } from './helper.js';
import { logonSessionBody } from './logon-links.js';

const FIRST_ID = '181b4c3d-4126-451f-8f3f-02e7c996b2f4';
const FIRST_TOKEN = 'MTgxYjRjM2QtNDEyNi00NTFmLThmM2YtMDJlN2M5OTZiMmY0';
const MINUTE = 60_000;

function errorBody(status: number, message: string, fmt: 'xml' | 'json'): string {
  const escaped = message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return fmt === 'json'
    ? JSON.stringify({
        FirstChanceExceptionMessage: message,
        Message: message,
        StackTrace: null,
        Status: null,
        StatusCode: status,
      })
    : '<?xml version="1.0" encoding="utf-8"?><Error xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
        `Message="${escaped.replace(/"/g, '&quot;')}" StatusCode="${status}" xmlns="http://www.veeam.com/ent/v1.0">` +
        `<FirstChanceExceptionMessage>${escaped}</FirstChanceExceptionMessage></Error>`;
}

t.test('logon answers 201 with the token in header, cookie and Location (XML and JSON)', async (t) => {
  for (const fmt of ['xml', 'json'] as const) {
    const { app } = await build();
    const res = await app.inject({
      method: 'POST',
      url: '/api/sessionMngr/?v=latest',
      headers: {
        host: HOST,
        authorization: basic('admin', 'admin'),
        ...(fmt === 'json' ? { accept: 'application/json' } : {}),
      },
    });
    t.equal(res.statusCode, 201);
    t.equal(res.headers['x-restsvcsessionid'], FIRST_TOKEN);
    t.equal(Buffer.from(FIRST_TOKEN, 'base64').toString(), FIRST_ID, 'the token is base64 of the SessionId');
    t.equal(res.headers['set-cookie'], `X-RestSvcSessionId=${FIRST_TOKEN}; Path=/api`);
    t.equal(res.headers.location, `${BASE}/api/logonSessions/${FIRST_ID}`);
    t.equal(res.headers['content-type'], fmt === 'json' ? 'application/json' : 'application/xml');
    t.equal(res.headers['content-length'], String(Buffer.byteLength(res.body)));
    t.equal(
      res.body,
      fmt === 'json'
        ? logonSessionBody(FIRST_ID, 'admin', 'json')
        : `<?xml version="1.0" encoding="utf-8"?>${logonSessionBody(FIRST_ID, 'admin', 'xml')}`,
    );
    await app.close();
  }
});

t.test('every logon URL and framing that published clients use is accepted', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  const variants: [string, Record<string, string>, string?][] = [
    ['/api/sessionMngr/?v=latest', {}],
    ['/api/sessionMngr/?v=v1_7', {}],
    ['/api/sessionMngr/?v=v1_4', {}],
    ['/api/sessionMngr/?v=v1_2', {}],
    ['/api/sessionMngr/?v=LATEST', {}],
    ['/api/sessionMngr', {}],
    ['/api/sessionMngr/', {}],
    ['/api//sessionMngr', {}],
    ['/api/SessionMngr/?v=latest', {}],
    ['/api/sessionMngr/?v=latest&extra=1', {}],
    ['/api/sessionMngr/?v=latest', { 'content-type': 'application/json' }, ''],
    ['/api/sessionMngr/?v=latest', { 'content-type': 'application/json' }, '{}'],
    ['/api/sessionMngr/?v=latest', { 'content-type': 'application/x-www-form-urlencoded' }, ''],
    ['/api/sessionMngr/?v=latest', { 'content-type': 'application/xml; charset=utf-8' }, ''],
    ['/api/sessionMngr/?v=latest', { 'content-type': 'text/xml' }, '<LoginSpec/>'],
  ];
  for (const [url, headers, payload] of variants) {
    const res = await app.inject({
      method: 'POST',
      url,
      headers: { host: HOST, authorization: basic('admin', 'admin'), ...headers },
      ...(payload === undefined ? {} : { payload }),
    });
    t.equal(res.statusCode, 201, `${url} ${JSON.stringify(headers)} ${payload ?? '(no body)'}`);
  }
});

t.test('logon failures', async (t) => {
  const { app } = await build({ users: [{ name: 'TECH\\Operator', password: 'S3cret:with:colons' }] });
  t.teardown(() => app.close());
  const post = (authorization?: string, url = '/api/sessionMngr/?v=latest', fmt: 'xml' | 'json' = 'xml') =>
    app.inject({
      method: 'POST',
      url,
      headers: {
        host: HOST,
        ...(authorization === undefined ? {} : { authorization }),
        ...(fmt === 'json' ? { accept: 'application/json' } : {}),
      },
    });

  const ok = await post(basic('tech\\operator', 'S3cret:with:colons'));
  t.equal(ok.statusCode, 201, 'user names are case-insensitive, passwords may contain colons');
  t.match(ok.body, '<UserName>TECH\\Operator</UserName>', 'the configured spelling is returned');

  const cases: [string | undefined, string][] = [
    [undefined, 'Authorization header with Basic credentials is required to create a logon session.'],
    ['', 'Authorization header with Basic credentials is required to create a logon session.'],
    ['Bearer abc', 'Authorization header must use the Basic scheme: "Basic base64(user:password)".'],
    ['Basic', 'Authorization header must use the Basic scheme: "Basic base64(user:password)".'],
    ['Basic !!!not-base64!!!', 'Basic credentials are not valid base64.'],
    ['Basic a', 'Basic credentials are not valid base64.'],
    [`Basic ${Buffer.from('no-colon').toString('base64')}`, 'Basic credentials must have the form user:password.'],
    [basic('TECH\\Operator', 'wrong'), 'The user name or password is incorrect.'],
    [basic('nobody', 'S3cret:with:colons'), 'The user name or password is incorrect.'],
    [basic('x'.repeat(10_240), 'y'), 'The user name or password is incorrect.'],
  ];
  for (const [authorization, message] of cases) {
    for (const fmt of ['xml', 'json'] as const) {
      const res = await post(authorization, '/api/sessionMngr/?v=latest', fmt);
      t.equal(res.statusCode, 401, `${authorization?.slice(0, 30)} → 401`);
      t.equal(res.headers['www-authenticate'], 'Basic Realm=RestSvc');
      t.equal(res.body, errorBody(401, message, fmt));
    }
  }

  const badVersion = await post(basic('TECH\\Operator', 'S3cret:with:colons'), '/api/sessionMngr/?v=v1_9', 'json');
  t.equal(badVersion.statusCode, 400);
  t.equal(
    badVersion.body,
    errorBody(
      400,
      'Unsupported API version v="v1_9". Use latest or one of v1_2, v1_3, v1_4, v1_5, v1_6, v1_7.',
      'json',
    ),
  );
  t.equal(app.logons.list().length, 1, 'failed logons create no session');
});

t.test('the token is accepted from the header or the cookie, and the cookie wins', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  const token = await logon(app);
  const other = await logon(app);
  await app.inject({
    method: 'DELETE',
    url: `/api/logonSessions/${Buffer.from(other, 'base64').toString()}`,
    headers: { host: HOST, 'x-restsvcsessionid': other },
  });
  const call = (headers: Record<string, string>) =>
    app.inject({ method: 'GET', url: '/api/restoreSessions', headers: { host: HOST, ...headers } });

  t.equal((await call({ 'x-restsvcsessionid': token })).statusCode, 200, 'header alone');
  t.equal((await call({ cookie: `X-RestSvcSessionId=${token}` })).statusCode, 200, 'cookie alone');
  t.equal(
    (await call({ cookie: `X-RestSvcSessionId=${token}`, 'x-restsvcsessionid': other })).statusCode,
    200,
    'live cookie beats a dead header',
  );
  t.equal(
    (await call({ cookie: `X-RestSvcSessionId=${other}`, 'x-restsvcsessionid': token })).statusCode,
    401,
    'a dead cookie wins over a live header',
  );
  t.equal(
    (await call({ authorization: basic('admin', 'admin') })).statusCode,
    401,
    'Basic alone does not open resources',
  );
});

t.test('missing, malformed and unknown tokens get 401 in EM shape', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  const live = await logon(app);
  const cases: [Record<string, string>, string][] = [
    [{}, 'Authentication required: send the X-RestSvcSessionId header or cookie from POST /api/sessionMngr/.'],
    [
      { 'x-restsvcsessionid': '' },
      'Authentication required: send the X-RestSvcSessionId header or cookie from POST /api/sessionMngr/.',
    ],
    [
      { 'x-restsvcsessionid': 'not base64 !' },
      'The X-RestSvcSessionId token is malformed: expected the base64 text returned at logon.',
    ],
    [
      { 'x-restsvcsessionid': 'O9Msj3rq7EGUhtSMBQx+mw==' },
      'The X-RestSvcSessionId token is malformed: expected the base64 text returned at logon.',
    ],
    [
      { 'x-restsvcsessionid': 'x'.repeat(10_240) },
      'The X-RestSvcSessionId token is malformed: expected the base64 text returned at logon.',
    ],
    [
      { cookie: `X-RestSvcSessionId=${'%'.repeat(10_240)}` },
      'The X-RestSvcSessionId token is malformed: expected the base64 text returned at logon.',
    ],
    [
      { 'x-restsvcsessionid': Buffer.from('00000000-0000-4000-8000-000000000000').toString('base64') },
      'The X-RestSvcSessionId token is unknown, expired or logged out. Log on again.',
    ],
  ];
  for (const [headers, message] of cases) {
    for (const fmt of ['xml', 'json'] as const) {
      const res = await app.inject({
        method: 'GET',
        url: '/api/restoreSessions',
        headers: { host: HOST, ...headers, ...(fmt === 'json' ? { accept: 'application/json' } : {}) },
      });
      t.equal(res.statusCode, 401);
      t.equal(res.body, errorBody(401, message, fmt), JSON.stringify(headers).slice(0, 60));
    }
  }
  t.equal((await get(app, live, '/api/restoreSessions')).statusCode, 200, 'the live session is unharmed');
});

t.test('idle expiry is 15 minutes, sliding, on the server clock', async (t) => {
  const { app, real } = await build();
  t.teardown(() => app.close());
  const token = await logon(app);
  real.now += 14 * MINUTE + 59_000;
  t.equal((await get(app, token, '/api/restoreSessions')).statusCode, 200, 'just under 15 minutes idle');
  real.now += 14 * MINUTE + 59_000;
  t.equal((await get(app, token, '/api/restoreSessions')).statusCode, 200, 'each call restarts the timer');
  real.now += 15 * MINUTE;
  const expired = await get(app, token, '/api/restoreSessions');
  t.equal(expired.statusCode, 401, '15 minutes idle: expired');
  t.equal((await get(app, token, '/api/restoreSessions')).statusCode, 401, 'and stays expired');

  const { app: quick, real: r2 } = await build({ idleTimeoutMs: 90_000 });
  const t2 = await logon(quick);
  r2.now += 89_000;
  t.equal((await get(quick, t2, '/api/backupServers')).statusCode, 200, 'a protected call restarts the timer');
  r2.now += 89_000;
  t.equal((await get(quick, t2, '/api/')).statusCode, 200, 'the open entry point answers');
  r2.now += 1_000;
  t.equal(
    (await get(quick, t2, '/api/backupServers')).statusCode,
    401,
    'but did not restart the configured 90 s timer',
  );
  await quick.close();
});

t.test('logon sessions: list, get, logout; other users cannot see or delete them', async (t) => {
  const { app } = await build({
    users: [
      { name: 'admin', password: 'admin' },
      { name: 'auditor', password: 'pw' },
    ],
  });
  t.teardown(() => app.close());
  const mine = await logon(app);
  const mine2 = await logon(app);
  const theirs = await logon(app, 'auditor', 'pw');
  const id = (token: string) => Buffer.from(token, 'base64').toString();

  // peekjef72 and surfer190 log out by deleting LogonSessions[0]: for each of two sessions of one
  // user that must be the caller's own (every documented /logonSessions sample lists one session).
  for (const token of [mine, mine2]) {
    const list = JSON.parse((await get(app, token, '/api/logonSessions', 'json')).body) as {
      LogonSessions: { SessionId: string }[];
    };
    t.same(
      list.LogonSessions.map((s) => s.SessionId),
      [id(token)],
      'only the session the request came with',
    );
    const xml = (await get(app, token, '/api/logonSessions')).body;
    t.equal(xml.match(/<SessionId>([^<]+)<\/SessionId>/g)?.join(), `<SessionId>${id(token)}</SessionId>`, 'in XML too');
  }
  t.equal(
    (await get(app, mine, `/api/logonSessions/${id(theirs)}`)).statusCode,
    404,
    "another user's session is not visible",
  );
  const del = await app.inject({
    method: 'DELETE',
    url: `/api/logonSessions/${id(theirs)}`,
    headers: { host: HOST, 'x-restsvcsessionid': mine },
  });
  t.equal(del.statusCode, 404, 'nor deletable');
  t.equal((await get(app, theirs, '/api/restoreSessions')).statusCode, 200, 'and stays alive');

  const byUrn = await get(app, mine, `/api/logonSessions/urn:veeam:LogonSession:${id(mine2)}`);
  t.equal(byUrn.statusCode, 200, 'a UID works as the id too');

  const out = await app.inject({
    method: 'DELETE',
    url: `/api/logonSessions/${id(mine2)}`,
    headers: { host: HOST, 'x-restsvcsessionid': mine2 },
  });
  t.equal(out.statusCode, 204);
  t.equal(out.body, '');
  t.equal(out.headers['content-type'], undefined, '204 carries no body type');
  t.equal((await get(app, mine2, '/api/restoreSessions')).statusCode, 401, 'the token is dead after logout');
  t.equal(
    (await get(app, mine, '/api/restoreSessions')).statusCode,
    200,
    'the other session of the same user lives on',
  );
  const again = await app.inject({
    method: 'DELETE',
    url: `/api/logonSessions/${id(mine2)}`,
    headers: { host: HOST, 'x-restsvcsessionid': mine },
  });
  t.equal(again.statusCode, 404, 'deleting twice is 404');
});

t.test('wrong methods on known paths are 405 with Allow; unknown paths are 404', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  const token = await logon(app);
  const cases: [string, string, number, string][] = [
    ['POST', '/api/restoreSessions', 405, 'Method POST is not allowed on /api/restoreSessions. Allowed: GET, HEAD.'],
    [
      'DELETE',
      '/api/restoreSessions/66666666-6666-4666-8666-666666666666',
      405,
      'Method DELETE is not allowed on /api/restoreSessions/66666666-6666-4666-8666-666666666666. Allowed: GET, HEAD.',
    ],
    ['GET', '/api/sessionMngr/', 405, 'Method GET is not allowed on /api/sessionMngr/. Allowed: POST.'],
    [
      'PUT',
      '/api/logonSessions/x',
      405,
      'Method PUT is not allowed on /api/logonSessions/x. Allowed: GET, HEAD, DELETE.',
    ],
    ['GET', '/api/restoreSessions/a/b', 404, 'There is no resource at /api/restoreSessions/a/b.'],
    ['GET', '/elsewhere', 404, 'There is no resource at /elsewhere.'],
  ];
  for (const [method, url, status, message] of cases) {
    for (const fmt of ['xml', 'json'] as const) {
      const res = await app.inject({
        method: method as 'GET',
        url,
        headers: { host: HOST, 'x-restsvcsessionid': token, ...(fmt === 'json' ? { accept: 'application/json' } : {}) },
      });
      t.equal(res.statusCode, status, `${method} ${url}`);
      t.equal(res.body, errorBody(status, message, fmt));
      if (status === 405) t.equal(res.headers.allow, message.split('Allowed: ')[1]!.replace(/\.$/, ''));
    }
  }
});

t.test('content negotiation follows Accept only', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  const token = await logon(app);
  const cases: [Record<string, string>, string][] = [
    [{}, 'application/xml'],
    [{ accept: '*/*' }, 'application/xml'],
    [{ accept: 'application/xml' }, 'application/xml'],
    [{ accept: 'text/html' }, 'application/xml'],
    [{ accept: 'application/json' }, 'application/json'],
    [{ accept: 'APPLICATION/JSON' }, 'application/json'],
    [{ accept: 'application/xml, text/xml, application/json;q=0.1' }, 'application/json'],
    [{ 'content-type': 'application/json' }, 'application/xml'],
    [{ 'content-type': 'application/xml', accept: 'application/json' }, 'application/json'],
  ];
  for (const [headers, type] of cases) {
    const res = await app.inject({
      method: 'GET',
      url: '/api/backupServers',
      headers: { host: HOST, 'x-restsvcsessionid': token, ...headers },
    });
    t.equal(res.headers['content-type'], type, JSON.stringify(headers));
    t.ok(type === 'application/json' ? res.body.startsWith('{"Refs":[') : res.body.startsWith('<?xml'));
  }
});

t.test('paths: case-insensitive, duplicate slashes, optional trailing slash, case-insensitive format', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  const token = await logon(app);
  const reference = (await get(app, token, '/api/restoreSessions?format=Entity')).body;
  for (const url of [
    '/api/RestoreSessions?format=Entity',
    '/api//restoreSessions/?format=Entity',
    '/API/RESTORESESSIONS?FORMAT=entity',
    '/api/restoreSessions?format=Entity&v=latest',
  ]) {
    t.equal((await get(app, token, url)).body, reference, url);
  }
});

t.test('Hrefs follow the request Host unless a public base URL is configured', async (t) => {
  const { app } = await build({ publicBaseUrl: 'https://em.example.com:9398' });
  t.teardown(() => app.close());
  const res = await app.inject({
    method: 'GET',
    url: '/api/',
    headers: { host: 'ignored:1', accept: 'application/json' },
  });
  t.match(res.body, '"Href":"https://em.example.com:9398/api/logonSessions"');
  const { app: plain } = await build();
  const odd = await plain.inject({ method: 'GET', url: '/api/', headers: { host: 'a"b<c>:1' } });
  t.match(
    odd.body,
    'Href="http://a&quot;b&lt;c&gt;:1/api/logonSessions"',
    'a hostile Host header is escaped, not injected',
  );
  await plain.close();
});
