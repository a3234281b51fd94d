import t from 'tap';
import { startServer } from './server-process.js';
import { rawExchange, splitReplies, type ParsedReply } from './rawHttp.js';

/**
 * One raw HTTP/1.1 exchange on its own connection: its one final reply (interim ones skipped)
 * and, in `extra`, every byte the server sent after that reply's Content-Length; with
 * `untilClose`, all of them up to the close (the request must end the connection).
 */
async function rawRequest(port: number, request: string, untilClose = false): Promise<ParsedReply & { extra: string }> {
  const { text } = await rawExchange(port, request, untilClose ? {} : { replies: 1 });
  const { replies, rest } = splitReplies(text);
  if (replies.length === 0) throw new Error(`incomplete reply: ${text.slice(0, 300)}`);
  return { ...replies[0]!, extra: rest };
}

const ADMIN = Buffer.from('admin:admin').toString('base64');

t.test('the built server, over a real socket: the README walk-through', async (t) => {
  const server = await startServer(['--seed', '3', '--clock-start', '2026-11-29T12:00:00Z']);
  t.teardown(() => server.stop());
  const { port, url, seed, pid } = server.ready;
  t.equal(url, `http://127.0.0.1:${port}/api/`, 'the ready line names the URL');
  t.equal(seed, 3);
  t.equal(pid, server.child.pid);
  const host = `127.0.0.1:${port}`;

  // PHP curl's logon: chunked framing plus Content-Length: 0 and Expect, XML content type, no body.
  const logonRes = await rawRequest(
    port,
    `POST /api/sessionMngr/?v=latest HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Basic ${ADMIN}\r\n` +
      'Content-Type: application/xml; charset=utf-8\r\nContent-Length: 0\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n0\r\n\r\n',
  );
  t.equal(logonRes.status, 201, 'chunked + Content-Length: 0 logon is accepted');
  t.match(
    logonRes.rawHead,
    /\r\nX-RestSvcSessionId: [A-Za-z0-9+/=]{48}\r\n/,
    'token header in its exact case, ": " separated',
  );
  const token = logonRes.headers['x-restsvcsessionid']!;
  t.equal(logonRes.headers['set-cookie'], `X-RestSvcSessionId=${token}; Path=/api`);
  t.equal(logonRes.headers.location, `http://${host}/api/logonSessions/${Buffer.from(token, 'base64').toString()}`);

  const steps: [string, string, string, number, string][] = [
    ['GET', '/api/restoreSessions', 'application/xml', 200, '<EntityReferences '],
    ['GET', '/api/restoreSessions', 'application/json', 200, '{"Refs":['],
    ['GET', '/api/restoreSessions?format=Entity', 'application/json', 200, '{"RestoreSessions":['],
  ];
  let entityHref = '';
  for (const [method, path, accept, status, start] of steps) {
    const res = await rawRequest(
      port,
      `${method} ${path} HTTP/1.1\r\nHost: ${host}\r\nX-RestSvcSessionId: ${token}\r\nAccept: ${accept}\r\nAccept-Encoding: gzip, deflate\r\nConnection: close\r\n\r\n`,
      true,
    );
    t.equal(res.status, status, `${method} ${path} ${accept}`);
    t.equal(res.headers['content-type'], accept);
    t.equal(res.extra, '', 'Content-Length is exact: nothing follows the body');
    t.notOk(res.headers['transfer-encoding'], 'never chunked');
    t.notOk(res.headers['content-encoding'], 'never compressed, even when offered');
    t.ok(res.body.replace(/^<\?xml[^>]*>/, '').startsWith(start));
    if (accept === 'application/json' && path === '/api/restoreSessions') {
      entityHref = (JSON.parse(res.body) as { Refs: { Links: { Rel: string; Href: string }[] }[] }).Refs[0]!.Links.find(
        (l) => l.Rel === 'Alternate',
      )!.Href;
    }
  }
  t.match(entityHref, new RegExp(`^http://${host}/api/restoreSessions/[0-9a-f-]{36}\\?format=Entity$`));
  const one = await fetch(entityHref, { headers: { 'X-RestSvcSessionId': token, Accept: 'application/json' } });
  t.equal(one.status, 200, 'an Href from a list resolves as given');
  t.match(await one.json(), { Type: 'RestoreSession' });

  // Logout with the cookie only, as the Zabbix template authenticates.
  const id = Buffer.from(token, 'base64').toString();
  const out = await rawRequest(
    port,
    `DELETE /api/logonSessions/${id} HTTP/1.1\r\nHost: ${host}\r\nCookie: X-RestSvcSessionId=${token}\r\nConnection: close\r\n\r\n`,
  );
  t.equal(out.status, 204);
  const after = await fetch(`${url}restoreSessions`, { headers: { 'X-RestSvcSessionId': token } });
  t.equal(after.status, 401, 'the token is dead after logout');
  t.equal(after.headers.get('content-type'), 'application/xml');
});

t.test('malformed HTTP and oversized headers get EM-shaped errors and the server lives on', async (t) => {
  const server = await startServer();
  t.teardown(() => server.stop());
  const { port, url } = server.ready;
  const garbage = await rawRequest(port, 'THIS IS NOT HTTP\r\n\r\n', true);
  t.equal(garbage.status, 400);
  t.match(garbage.body, /<Error .*Message="The HTTP request is malformed\." StatusCode="400"/);
  t.equal(garbage.extra, '', 'Content-Length is exact');

  const huge = await rawRequest(port, `GET /api/ HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(300_000)}\r\n\r\n`);
  t.equal(huge.status, 431);
  t.match(huge.body, /StatusCode="431"/);

  const logon = await fetch(`${url}sessionMngr/?v=latest`, {
    method: 'POST',
    headers: { Authorization: `Basic ${ADMIN}` },
  });
  const token = logon.headers.get('x-restsvcsessionid');
  const filter = `Name==${'x'.repeat(100_000)}`;
  const longFilter = await rawRequest(
    port,
    `GET /api/query?type=RestoreSession&filter=${filter} HTTP/1.1\r\nHost: x\r\nX-RestSvcSessionId: ${token}\r\nAccept: application/json\r\nConnection: close\r\n\r\n`,
  );
  t.equal(longFilter.status, 400, 'a 100 KB filter reaches the query service over a real socket');
  t.match(JSON.parse(longFilter.body), {
    StatusCode: 400,
    Message: /^The filter is 100006 characters long; at most 16384 are accepted\./,
  });

  const tenKb = await rawRequest(
    port,
    `GET /api/restoreSessions HTTP/1.1\r\nHost: x\r\nX-RestSvcSessionId: ${'b'.repeat(10_240)}\r\nConnection: close\r\n\r\n`,
  );
  t.equal(tenKb.status, 401, 'a 10 KB token is just a bad token');

  const badJsonLogon = await fetch(`${url}sessionMngr/?v=latest`, {
    method: 'POST',
    headers: { Authorization: `Basic ${ADMIN}`, 'Content-Type': 'application/json' },
    body: '{not json',
  });
  t.equal(badJsonLogon.status, 201, 'a logon body is ignored, whatever it holds');

  // Announce a body over the 1 MB limit; the refusal comes before any of it is read.
  const big = await rawRequest(
    port,
    `POST /api/sessionMngr/?v=latest HTTP/1.1\r\nHost: x\r\nAuthorization: Basic ${ADMIN}\r\nAccept: application/json\r\n` +
      'Content-Type: application/octet-stream\r\nContent-Length: 2097152\r\n\r\n',
  );
  t.equal(big.status, 413, 'an oversized body is refused');
  t.match(JSON.parse(big.body), { StatusCode: 413 });

  const alive = await fetch(url);
  t.equal(alive.status, 200, 'still serving');
});

t.test('a bad option stops start-up with a one-line message naming it', async (t) => {
  await t.rejects(
    startServer(['--idle-timeout', 'never']),
    /^server exited with 2: veeam-em-mock: invalid --idle-timeout \(EM_MOCK_IDLE_TIMEOUT\) value "never"/,
  );
  await t.rejects(startServer([], { EM_MOCK_SEED: 'abc' }), /invalid --seed \(EM_MOCK_SEED\)/);
});
