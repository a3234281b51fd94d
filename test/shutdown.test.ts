import t, { type Test } from 'tap';
import { connect, type Socket } from 'node:net';
import { startServer, type ServerProcess } from './server-process.js';
import { parseReplies } from './rawHttp.js';

function exited(server: ServerProcess): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => server.child.once('exit', (code) => resolve({ code, ms: Date.now() - started })));
}

/** A connection with `head` written, collecting what comes back. */
function open(port: number, head: string): { socket: Socket; text: () => string; connected: Promise<void> } {
  const socket = connect(port, '127.0.0.1');
  let text = '';
  socket.on('data', (c: Buffer) => (text += c.toString('latin1')));
  socket.on('error', () => {});
  const connected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write(head);
  return { socket, text: () => text, connected };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

t.test('SIGTERM: idle keep-alive closed, a request held by a delay fault answered, exit well within 5 s', async (t) => {
  const server = await startServer();
  t.teardown(() => server.stop());
  const { port } = server.ready;
  const fault = await fetch(`http://127.0.0.1:${port}/__mock/faults`, {
    method: 'POST',
    body: JSON.stringify({ path: '/api/', action: 'delay', delay: '20s' }),
  });
  t.equal(fault.status, 201);
  const idle = open(port, 'GET /__mock/health HTTP/1.1\r\nHost: x\r\n\r\n');
  const held = open(port, 'GET /api/ HTTP/1.1\r\nHost: x\r\n\r\n');
  await Promise.all([idle.connected, held.connected]);
  await pause(300);
  t.match(idle.text(), /^HTTP\/1\.1 200 /, 'the idle connection was served and kept alive');
  t.equal(held.text(), '', 'the other request is held by the delay');
  const exit = exited(server);
  server.child.kill('SIGTERM');
  const { code, ms } = await exit;
  t.equal(code, 0);
  t.ok(ms < 2000, `exited in ${ms} ms, not after the 20 s delay`);
  t.same(
    parseReplies(held.text()).map((r) => r.status),
    [200],
    'the held request was answered',
  );
});

/** A server with one request head still arriving (it never completes): only a cut ends it. */
async function serverWithSlowRequest(t: Test): Promise<ServerProcess> {
  const server = await startServer();
  t.teardown(() => server.stop());
  const slow = open(server.ready.port, 'GET /api/ HTTP/1.1\r\nHost: x\r\n');
  t.teardown(() => slow.socket.destroy());
  await slow.connected;
  await pause(100);
  return server;
}

t.test(
  'SIGTERM with a request still arriving: cut after the grace period; a second signal exits at once',
  async (t) => {
    const first = await serverWithSlowRequest(t);
    const exit = exited(first);
    first.child.kill('SIGTERM');
    const { code, ms } = await exit;
    t.equal(code, 0);
    t.ok(ms >= 4500 && ms < 6500, `gave up waiting after the 5 s grace (${ms} ms)`);

    const second = await serverWithSlowRequest(t);
    const exit2 = exited(second);
    second.child.kill('SIGTERM');
    await pause(200);
    second.child.kill('SIGTERM');
    const out = await exit2;
    t.equal(out.code, 143, 'the second SIGTERM exits with 128 + 15');
    t.ok(out.ms < 1500, `at once (${out.ms} ms)`);
  },
);
