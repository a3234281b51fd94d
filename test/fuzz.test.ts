/**
 * Random and mutated requests thrown at a real socket. Seeded (FUZZ_SEED); by default the same
 * 250 requests on every run, however slow the machine; with FUZZ_SECONDS (`npm run fuzz`) as many as
 * fit in that time. For every answer: no 5xx,
 * an exact Content-Length, EM's Error shape on every error; a refused request changes nothing.
 */
import t from 'tap';
import fc from 'fast-check';
import { ADMIN_BASIC, listenForTest, parseReplies, rawExchange, type ParsedReply } from './rawHttp.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const SECONDS = process.env.FUZZ_SECONDS ? Number(process.env.FUZZ_SECONDS) : undefined;
const RUNS = Number(process.env.FUZZ_RUNS ?? (process.env.FUZZ_SECONDS ? 1_000_000 : 250));

const PATHS = [
  '/api/',
  '/api/sessionMngr/?v=latest',
  '/api/logonSessions',
  '/api/restoreSessions',
  '/api/restoreSessions?format=Entity',
  '/api/backupServers',
  '/api/jobs',
  '/api/backups',
  '/api/repositories',
  '/api/query?type=RestoreSession&filter=State==Stopped',
  '/api/querySvc',
  '/api/reports/summary/overview',
  '/api/lookupSvc',
  '/api/lookup?host=urn:veeam:HierarchyRoot:00000000-0000-0000-0000-000000000000&name=*&type=Vm',
];

const segment = fc.oneof(
  fc.constantFrom(
    'api',
    'restoreSessions',
    'jobs',
    'logonSessions',
    'sessionMngr',
    '..',
    '.',
    '',
    '%zz',
    '%00',
    '%2F',
    '%E0%A4%A',
    '__proto__',
  ),
  fc.stringMatching(/^[A-Za-z0-9\-._~%]{1,12}$/),
  fc.integer({ min: 90, max: 400 }).map((n) => 'a'.repeat(n)),
  fc.uuid(),
);
const path = fc.oneof(
  fc.constantFrom(...PATHS),
  fc
    .tuple(fc.constantFrom(...PATHS), fc.array(segment, { maxLength: 3 }))
    .map(([p, s]) => `${p.split('?')[0]!.replace(/\/$/, '')}/${s.join('/')}`),
  fc.array(segment, { minLength: 1, maxLength: 5 }).map((s) => `/api/${s.join('/')}`),
);
const query = fc.oneof(
  fc.constant(''),
  fc.constantFrom(
    '?format=Entity',
    '?v=latest',
    '?v=v1_7',
    '?v=%zz',
    '?pageSize=-1',
    '?page=99999999999999999999',
    '?sortAsc=name',
    '?filter=(',
    '?a=1&a=2',
  ),
  fc.stringMatching(/^[A-Za-z0-9=&%._\-~+]{0,40}$/).map((q) => `?${q}`),
);
const method = fc.constantFrom(
  'GET',
  'GET',
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'PATCH',
  'OPTIONS',
  'TRACE',
  'PROPFIND',
  'M-SEARCH',
);

interface Credentials {
  token: string;
}
const headerValue = fc.stringMatching(/^[\x20-\x7e]{0,60}$/);
const headers = (creds: Credentials) =>
  fc.record(
    {
      accept: fc.constantFrom('application/json', 'application/xml', '*/*', 'text/html', 'application/json;q=0.1', ''),
      authorization: fc.oneof(
        fc.constant(ADMIN_BASIC),
        fc.constant('Basic YWRtaW46d3Jvbmc='),
        fc.string({ maxLength: 30 }).map((s) => `Basic ${Buffer.from(s).toString('base64')}`),
        headerValue,
      ),
      token: fc.oneof(fc.constant(creds.token), fc.base64String({ minLength: 48, maxLength: 48 }), headerValue),
      cookie: fc.oneof(
        fc.constant(`X-RestSvcSessionId=${creds.token}`),
        headerValue.map((v) => `X-RestSvcSessionId=${v}`),
        headerValue,
      ),
      host: fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom('em.test:9398', 'localhost', '[::1]:9398') },
        { weight: 1, arbitrary: fc.constant('') },
      ),
      extra: fc.array(fc.tuple(fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,15}$/), headerValue), { maxLength: 3 }),
    },
    { requiredKeys: ['host'] },
  );
const body = fc.oneof(fc.constant(''), fc.constantFrom('{}', '<x/>', '{"a":'), fc.string({ maxLength: 200 }));
const framing = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('length', 'none', 'chunked', 'chunked+cl0') },
  { weight: 1, arbitrary: fc.constantFrom('te-other', 'te-twice', 'cl-wrong') },
);

interface FuzzRequest {
  bytes: string;
  method: string;
  path: string;
  accept: string;
}

function assemble(m: string, p: string, h: Record<string, unknown>, b: string, f: string): FuzzRequest {
  const lines = [`${m} ${p} HTTP/1.1`];
  if (h.host !== '') lines.push(`Host: ${h.host as string}`);
  if (h.accept !== undefined) lines.push(`Accept: ${h.accept as string}`);
  if (h.authorization !== undefined) lines.push(`Authorization: ${h.authorization as string}`);
  if (h.token !== undefined) lines.push(`X-RestSvcSessionId: ${h.token as string}`);
  if (h.cookie !== undefined) lines.push(`Cookie: ${h.cookie as string}`);
  for (const [k, v] of (h.extra as [string, string][] | undefined) ?? []) {
    if (!/^(content-length|transfer-encoding|host|connection|expect|upgrade)$/i.test(k)) lines.push(`${k}: ${v}`);
  }
  const bytes = Buffer.byteLength(b);
  const chunked = `${bytes > 0 ? `${bytes.toString(16)}\r\n${b}\r\n` : ''}0\r\n\r\n`;
  let payload = b;
  switch (f) {
    case 'length':
      lines.push(`Content-Length: ${bytes}`);
      break;
    case 'chunked':
      lines.push('Transfer-Encoding: chunked');
      payload = chunked;
      break;
    case 'chunked+cl0':
      lines.push('Content-Length: 0', 'Transfer-Encoding: chunked');
      payload = chunked;
      break;
    case 'none':
      payload = '';
      break;
    case 'te-other':
      lines.push('Transfer-Encoding: gzip, chunked');
      payload = chunked;
      break;
    case 'te-twice':
      lines.push('Transfer-Encoding: chunked', 'Transfer-Encoding: chunked');
      payload = chunked;
      break;
    case 'cl-wrong':
      lines.push(`Content-Length: ${bytes + 3}`);
      break;
  }
  return {
    bytes: `${lines.join('\r\n')}\r\n\r\n${payload}`,
    method: m,
    path: p,
    accept: (h.accept as string | undefined) ?? '',
  };
}

const XML_ERROR =
  /^<\?xml version="1\.0" encoding="utf-8"\?><Error xmlns:xsd="http:\/\/www\.w3\.org\/2001\/XMLSchema" xmlns:xsi="http:\/\/www\.w3\.org\/2001\/XMLSchema-instance" Message="[^"]*" StatusCode="(\d{3})" xmlns="http:\/\/www\.veeam\.com\/ent\/v1\.0"><FirstChanceExceptionMessage>[^<]*<\/FirstChanceExceptionMessage><\/Error>$/;

/** What is wrong with one answer, or undefined. */
function fault(reply: ParsedReply, req: FuzzRequest | undefined): string | undefined {
  if (reply.status >= 500) return `status ${reply.status}`;
  const length = reply.headers['content-length'];
  if (reply.headers['transfer-encoding'] !== undefined) return 'chunked answer';
  if (reply.status === 204 || reply.status === 304) return undefined;
  if (length === undefined) return 'no Content-Length';
  if (req?.method === 'HEAD') return undefined;
  if (Number(length) !== Buffer.byteLength(reply.body)) return 'Content-Length does not match the body';
  if (reply.status < 400) return undefined;
  if (reply.headers['content-type'] === 'application/json') {
    const parsed = JSON.parse(reply.body) as Record<string, unknown>;
    const keys = Object.keys(parsed).join(',');
    if (keys !== 'FirstChanceExceptionMessage,Message,StackTrace,Status,StatusCode') return `JSON error keys ${keys}`;
    if (parsed.StatusCode !== reply.status) return 'StatusCode differs from the status';
    return undefined;
  }
  const m = XML_ERROR.exec(reply.body);
  if (!m) return `not EM's Error shape: ${reply.body.slice(0, 120)}`;
  if (Number(m[1]) !== reply.status) return 'StatusCode differs from the status';
  return undefined;
}

t.test('fuzzed requests over a real socket', async (t) => {
  const server = await listenForTest({ restoreSessions: 20 });
  t.teardown(() => server.app.close());
  const { port, app } = server;
  // Standing still, so the dataset answer can only change if a request changed it.
  app.clock.freeze();
  const logonRaw = (user = ADMIN_BASIC) =>
    rawExchange(
      port,
      `POST /api/sessionMngr/?v=latest HTTP/1.1\r\nHost: x\r\nAuthorization: ${user}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
    ).then((r) => /X-RestSvcSessionId: (\S+)/.exec(r.text)![1]!);
  // Witnesses are never sent by the fuzzer: they must survive it.
  const witness = await logonRaw();
  const fuzzToken = await logonRaw();
  const datasetProbe = `GET /api/restoreSessions?format=Entity HTTP/1.1\r\nHost: em.test\r\nX-RestSvcSessionId: ${witness}\r\nConnection: close\r\n\r\n`;
  const before = (await rawExchange(port, datasetProbe)).text.replace(/\r\nDate: [^\r]*/, '');

  let requests = 0;
  let answered = 0;
  const statuses = new Map<number, number>();
  const plain = fc
    .tuple(method, path, query, headers({ token: fuzzToken }), body, framing)
    .map(([m, p, q, h, b, f]) => assemble(m, p + q, h, b, f));
  // Mutated bytes: a valid request with characters dropped, repeated or replaced.
  const mutated = fc
    .tuple(
      plain,
      fc.array(fc.tuple(fc.nat(), fc.constantFrom('drop', 'dup', 'cr', 'lf', 'nul', 'space', 'colon', 'ctl')), {
        minLength: 1,
        maxLength: 4,
      }),
    )
    .map(([req, edits]) => {
      let s = req.bytes;
      for (const [at, edit] of edits) {
        const i = at % Math.max(1, s.length);
        const insert = {
          drop: '',
          dup: s[i] ?? '',
          cr: '\r',
          lf: '\n',
          nul: '\0',
          space: ' ',
          colon: ':',
          ctl: '\x01',
        }[edit];
        s = s.slice(0, i) + insert + s.slice(edit === 'drop' ? i + 1 : i);
      }
      // The method as the server will read it (a HEAD answer has no body).
      // (HTTP parsers skip empty lines before a request line.)
      return { ...req, bytes: s, method: s.replace(/^[\r\n]+/, '').split(' ')[0]! };
    });

  await fc.assert(
    fc.asyncProperty(fc.oneof({ arbitrary: plain, weight: 3 }, { arbitrary: mutated, weight: 1 }), async (req) => {
      requests++;
      const sessionsBefore = app.logons.size;
      const { text } = await rawExchange(port, req.bytes, { end: true });
      const replies = parseReplies(text, req.method === 'HEAD');
      if (text !== '' && replies.length === 0)
        throw new Error(
          `unparseable answer ${JSON.stringify(text.slice(0, 200))} to ${JSON.stringify(req.bytes.slice(0, 300))}`,
        );
      for (const [i, reply] of replies.entries()) {
        answered++;
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
        const problem = fault(reply, i === 0 ? req : undefined);
        if (problem) throw new Error(`${problem} for ${JSON.stringify(req.bytes.slice(0, 300))}`);
        if (reply.status >= 400 && app.logons.size > sessionsBefore)
          throw new Error('a refused request created a logon session');
      }
    }),
    {
      seed: SEED,
      numRuns: RUNS,
      ...(SECONDS === undefined ? {} : { interruptAfterTimeLimit: SECONDS * 1000, markInterruptAsFailure: false }),
    },
  );
  t.comment(
    `${requests} requests, ${answered} answers; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
  );
  t.ok(requests > 20, 'the fuzzer ran');

  const witnessCheck = await rawExchange(
    port,
    `GET /api/logonSessions HTTP/1.1\r\nHost: x\r\nX-RestSvcSessionId: ${witness}\r\nConnection: close\r\n\r\n`,
  );
  t.equal(parseReplies(witnessCheck.text)[0]?.status, 200, 'a session the fuzzer never used is still valid');
  const after = (await rawExchange(port, datasetProbe)).text.replace(/\r\nDate: [^\r]*/, '');
  t.equal(after, before, 'the dataset answers exactly as before');
});
