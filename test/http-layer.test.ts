import t from 'tap';
import { ADMIN_BASIC, listenForTest, parseReplies, rawExchange } from './rawHttp.js';

// EM's Error document, written out literally (shape: test/shapes and the EM samples in notes/em-samples.md).
const xmlError = (status: number, message: string) =>
  '<?xml version="1.0" encoding="utf-8"?><Error xmlns:xsd="http://www.w3.org/2001/XMLSchema" ' +
  `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" Message="${message.replaceAll('"', '&quot;')}" StatusCode="${status}" ` +
  `xmlns="http://www.veeam.com/ent/v1.0"><FirstChanceExceptionMessage>${message}</FirstChanceExceptionMessage></Error>`;
const jsonError = (status: number, message: string) =>
  `{"FirstChanceExceptionMessage":${JSON.stringify(message)},"Message":${JSON.stringify(message)},"StackTrace":null,"Status":null,"StatusCode":${status}}`;

const HIDDEN_LOGON = `POST /api/sessionMngr/?v=latest HTTP/1.1\r\nHost: x\r\nAuthorization: ${ADMIN_BASIC}\r\nContent-Length: 0\r\n\r\n`;

t.test('ambiguous framing: 400 in EM shape, connection closed, nothing behind it runs', async (t) => {
  const server = await listenForTest();
  t.teardown(() => server.app.close());
  const cases: [string, string, string][] = [
    [
      'TE with a non-zero CL',
      'Content-Length: 5\r\nTransfer-Encoding: chunked',
      'Transfer-Encoding and Content-Length are both given: the body length is ambiguous.',
    ],
    ['TE gzip', 'Transfer-Encoding: gzip', 'Transfer-Encoding "gzip" is not supported: only chunked is.'],
    [
      'TE list',
      'Transfer-Encoding: gzip, chunked',
      'Transfer-Encoding "gzip, chunked" is not supported: only chunked is.',
    ],
    ['TE xchunked', 'Transfer-Encoding: xchunked', 'Transfer-Encoding "xchunked" is not supported: only chunked is.'],
    [
      'TE twice',
      'Transfer-Encoding: chunked\r\nTransfer-Encoding: identity',
      'Transfer-Encoding is given more than once.',
    ],
    // Node's parser refuses these itself, before any request exists.
    ['CL twice', 'Content-Length: 0\r\nContent-Length: 0', 'The HTTP request is malformed.'],
    ['CL list', 'Content-Length: 0, 0', 'The HTTP request is malformed.'],
    [
      'CL and TE, CL not a number',
      'Content-Length: +1\r\nTransfer-Encoding: chunked',
      'The HTTP request is malformed.',
    ],
    ['space before the colon', 'Transfer-Encoding : chunked', 'The header name "Transfer-Encoding " is not valid.'],
  ];
  for (const [what, framing, message] of cases) {
    // The server's own timers for a complete head are 72 s (keep-alive) and 120 s (request): a
    // close within 30 s is the refusal's, not a timeout's, however slow the machine.
    const { text, closed } = await rawExchange(
      server.port,
      `POST /api/sessionMngr/?v=latest HTTP/1.1\r\nHost: x\r\nAuthorization: ${ADMIN_BASIC}\r\n${framing}\r\n\r\n0\r\n\r\n${HIDDEN_LOGON}`,
      { waitMs: 30_000 },
    );
    t.ok(closed, `${what}: connection closed by the server, at once`);
    const replies = parseReplies(text);
    t.equal(replies.length, 1, `${what}: one answer, none for the request behind it`);
    t.equal(replies[0]?.status, 400, what);
    t.equal(replies[0]?.body, xmlError(400, message), `${what}: body`);
    t.equal(replies[0]?.headers['content-length'], String(Buffer.byteLength(replies[0]!.body)));
    t.equal(replies[0]?.headers.connection, 'close');
  }
  t.same(server.app.logons.list(), [], 'no logon ran, neither the refused one nor the one behind it');
});

t.test('a refused head answers JSON when JSON is accepted', async (t) => {
  const server = await listenForTest();
  t.teardown(() => server.app.close());
  const { text } = await rawExchange(server.port, 'GET /api/ HTTP/1.1\r\nAccept: application/json\r\n\r\n');
  t.equal(
    text.replace(/\r\nDate: [^\r]*/, ''),
    'HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: 152\r\nConnection: close\r\n\r\n' +
      jsonError(400, 'The Host header is required.'),
  );
});

t.test('the PHP client logon (chunked + Content-Length: 0 + Expect) still works', async (t) => {
  const server = await listenForTest();
  t.teardown(() => server.app.close());
  const { text } = await rawExchange(
    server.port,
    `POST /api/sessionMngr/?v=latest HTTP/1.1\r\nHost: x\r\nAuthorization: ${ADMIN_BASIC}\r\nContent-Length: 0\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n0\r\n\r\n`,
    { replies: 1 },
  );
  t.match(text, /^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 201 Created\r\n/);
  t.equal(server.app.logons.list().length, 1);
});

t.test('nothing sent after Connection: close runs', async (t) => {
  const server = await listenForTest();
  t.teardown(() => server.app.close());
  const { text, closed } = await rawExchange(
    server.port,
    `GET /api/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n${HIDDEN_LOGON}`,
  );
  t.ok(closed);
  t.same(
    parseReplies(text).map((r) => r.status),
    [200],
  );
  t.same(server.app.logons.list(), [], 'the pipelined logon did not run');
  const http10 = await rawExchange(server.port, `GET /api/ HTTP/1.0\r\n\r\n${HIDDEN_LOGON}`);
  t.same(
    parseReplies(http10.text).map((r) => r.status),
    [200],
    'HTTP/1.0 without keep-alive closes too',
  );
  t.same(server.app.logons.list(), []);
});

t.test('heads Node or the router used to answer in their own shape', async (t) => {
  const server = await listenForTest();
  t.teardown(() => server.app.close());
  const cases: [string, string, number, string][] = [
    ['missing Host', 'GET /api/ HTTP/1.1\r\n\r\n', 400, 'The Host header is required.'],
    ['two Hosts', 'GET /api/ HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n', 400, 'Host is given more than once.'],
    [
      'control character in Host',
      'GET /api/ HTTP/1.1\r\nHost: a\x01b\r\n\r\n',
      400,
      'The Host header "a\\u0001b" is not a host name.',
    ],
    [
      'bad %-escape',
      'GET /api/restoreSessions/%zz HTTP/1.1\r\nHost: x\r\n\r\n',
      400,
      'The request URL has an invalid %-escape.',
    ],
    [
      'segment over 260 characters',
      `GET /api/restoreSessions/${'a'.repeat(261)} HTTP/1.1\r\nHost: x\r\n\r\n`,
      400,
      'A path segment is longer than 260 characters.',
    ],
    [
      'CONNECT',
      'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n',
      405,
      'The CONNECT method is not supported: this server is not a proxy.',
    ],
    ['unknown method', 'FROB /api/ HTTP/1.1\r\nHost: x\r\n\r\n', 400, 'The HTTP request is malformed.'],
    [
      'Expect other than 100-continue',
      'GET /api/ HTTP/1.1\r\nHost: x\r\nExpect: x-ray\r\n\r\n',
      417,
      'The expectation "x-ray" is not supported: only 100-continue is.',
    ],
  ];
  for (const [what, request, status, message] of cases) {
    const { text } = await rawExchange(server.port, request, { replies: 1 });
    const replies = parseReplies(text);
    t.equal(replies.length, 1, `${what}: answered`);
    t.equal(replies[0]?.status, status, what);
    t.equal(replies[0]?.body, xmlError(status, message), `${what}: EM's Error shape`);
    t.equal(
      replies[0]?.headers['content-length'],
      String(Buffer.byteLength(replies[0]!.body)),
      `${what}: Content-Length`,
    );
    t.notOk(replies[0]?.headers['transfer-encoding'], `${what}: not chunked`);
  }
  const json = parseReplies(
    (
      await rawExchange(
        server.port,
        'GET /api/restoreSessions/%zz HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\n\r\n',
        { replies: 1 },
      )
    ).text,
  )[0]!;
  t.equal(json.body, jsonError(400, 'The request URL has an invalid %-escape.'));
  t.equal(json.headers['content-type'], 'application/json');
});

t.test('a slow request head gets 408 in EM shape', async (t) => {
  const server = await listenForTest({}, { headersTimeoutMs: 300, requestTimeoutMs: 300, checkIntervalMs: 50 });
  t.teardown(() => server.app.close());
  const { text, closed } = await rawExchange(server.port, 'GET /api/ HTTP/1.1\r\nHost: x\r\n');
  t.ok(closed);
  const [reply] = parseReplies(text);
  t.equal(reply?.status, 408);
  t.equal(reply?.body, xmlError(408, 'The request was not received in time.'));
});

t.test('connections beyond --max-connections are closed on arrival', async (t) => {
  const server = await listenForTest({ maxConnections: 1 });
  t.teardown(() => server.app.close());
  const { connect } = await import('node:net');
  const first = connect(server.port, '127.0.0.1');
  t.teardown(() => first.destroy());
  // Answered, so the server has taken it: the one connection allowed is in use.
  first.write('GET /api/ HTTP/1.1\r\nHost: x\r\n\r\n');
  await new Promise((resolve) => first.once('data', resolve));
  const second = await rawExchange(server.port, 'GET /api/ HTTP/1.1\r\nHost: x\r\n\r\n');
  t.ok(second.closed, 'the second connection is closed');
  t.equal(second.text, '', 'and not served');
});

t.test("the control plane's router errors keep its own JSON shape", async (t) => {
  const server = await listenForTest();
  t.teardown(() => server.app.close());
  const { text } = await rawExchange(server.port, 'GET /__mock/faults/%zz HTTP/1.1\r\nHost: x\r\n\r\n', {
    replies: 1,
  });
  const [reply] = parseReplies(text);
  t.equal(reply?.status, 400);
  t.equal(reply?.headers['content-type'], 'application/json; charset=utf-8');
  t.equal(reply?.body, '{"error":"The request URL has an invalid %-escape."}');
});
