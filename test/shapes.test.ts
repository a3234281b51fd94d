import t from 'tap';
import { build, logon, get, HOST } from './helper.js';
import { tinyStore } from './fixtures.js';
import { logonSessionBody } from './logon-links.js';
import { matchExpected } from './expected.js';

// Every response shape, in XML and JSON, against literal expected output. The store is the tiny
// fixture (test/fixtures.ts) and the clock stands at 2026-11-29T12:00:00Z, so bodies are exact.
// The first logon of seed 1 always gets the same SessionId (logon sessions are seeded too).
const LOGON_ID = '181b4c3d-4126-451f-8f3f-02e7c996b2f4';
const TOKEN = 'MTgxYjRjM2QtNDEyNi00NTFmLThmM2YtMDJlN2M5OTZiMmY0';

type Case = [what: string, url: string, auth: boolean | 'none', status: number];

// Each case's bodies are test/expected/shapes/<what as a slug>.{xml,json}.
const CASES: Case[] = [
  ['the entry point', '/api/', false, 200],
  ['restore session references (30-day window)', '/api/restoreSessions', true, 200],
  ['restore session entities (30-day window)', '/api/restoreSessions?format=Entity', true, 200],
  ['one restore session reference', '/api/restoreSessions/66666666-6666-4666-8666-666666666666', true, 200],
  [
    'a finished restore session entity',
    '/api/restoreSessions/66666666-6666-4666-8666-666666666666?format=Entity',
    true,
    200,
  ],
  [
    'a running restore session entity',
    '/api/restoreSessions/urn:veeam:RestoreSession:77777777-7777-4777-8777-777777777777?format=Entity',
    true,
    200,
  ],
  ['backup server references', '/api/backupServers', true, 200],
  ['backup server entities', '/api/backupServers?format=Entity', true, 200],
  ['one backup server reference', '/api/backupServers/11111111-1111-4111-8111-111111111111', true, 200],
  ['one backup server entity', '/api/backupServers/11111111-1111-4111-8111-111111111111?format=Entity', true, 200],
  ['VM restore point references', '/api/vmRestorePoints', true, 200],
  ['VM restore point entities', '/api/vmRestorePoints?format=Entity', true, 200],
  ['one VM restore point reference', '/api/vmRestorePoints/33333333-3333-4333-8333-333333333333', true, 200],
  ['one VM restore point entity', '/api/vmRestorePoints/33333333-3333-4333-8333-333333333333?format=Entity', true, 200],
  ['an unknown route', '/api/nothingHere', true, 404],
  ['an unknown restore session', '/api/restoreSessions/99999999-9999-4999-8999-999999999999', true, 404],
  ['a malformed id', '/api/restoreSessions/abc', true, 404],
  [
    'a UID of another type',
    '/api/restoreSessions/urn:veeam:BackupServer:11111111-1111-4111-8111-111111111111',
    true,
    404,
  ],
  ['no token', '/api/restoreSessions', 'none', 401],
];

const slug = (what: string) =>
  what
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

t.test('response shapes (literal bodies and headers)', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  app.store = tinyStore();
  const token = await logon(app);
  t.equal(token, TOKEN, 'the first logon of seed 1 is deterministic');
  for (const [what, url, auth, status] of CASES) {
    for (const fmt of ['xml', 'json'] as const) {
      const headers: Record<string, string> = { host: HOST };
      if (fmt === 'json') headers.accept = 'application/json';
      const res = auth === 'none' ? await app.inject({ method: 'GET', url, headers }) : await get(app, token, url, fmt);
      t.equal(res.statusCode, status, `${what} (${fmt}): status`);
      t.equal(
        res.headers['content-type'],
        fmt === 'json' ? 'application/json' : 'application/xml',
        `${what} (${fmt}): media type`,
      );
      t.equal(res.headers['content-length'], String(Buffer.byteLength(res.body)), `${what} (${fmt}): Content-Length`);
      matchExpected(t, res.body, `shapes/${slug(what)}`, fmt, `${what} (${fmt})`);
    }
  }
});

t.test('logon session shapes (the link table lives in test/logon-links.ts)', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  const token = await logon(app);
  const decl = '<?xml version="1.0" encoding="utf-8"?>';
  const listNs =
    'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://www.veeam.com/ent/v1.0"';
  const expected: [string, 'xml' | 'json', string][] = [
    [`/api/logonSessions/${LOGON_ID}`, 'xml', decl + logonSessionBody(LOGON_ID, 'admin', 'xml')],
    [`/api/logonSessions/${LOGON_ID}`, 'json', logonSessionBody(LOGON_ID, 'admin', 'json')],
    [
      '/api/logonSessions',
      'xml',
      `${decl}<LogonSessions ${listNs}>${logonSessionBody(LOGON_ID, 'admin', 'xml', false)}</LogonSessions>`,
    ],
    ['/api/logonSessions', 'json', `{"LogonSessions":[${logonSessionBody(LOGON_ID, 'admin', 'json')}]}`],
  ];
  for (const [url, fmt, body] of expected) {
    const res = await get(app, token, url, fmt);
    t.equal(res.statusCode, 200);
    t.equal(res.headers['content-type'], fmt === 'json' ? 'application/json' : 'application/xml');
    t.equal(res.headers['content-length'], String(Buffer.byteLength(body)));
    t.equal(res.body, body, `${url} (${fmt})`);
  }
});
