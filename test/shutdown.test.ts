import t, { type Test } from 'tap';
import { connect, type Socket } from 'node:net';
import { startServer, type ServerProcess } from './server-process.js';
import { parseReplies } from './rawHttp.js';
import { SHUTDOWN_GRACE_MS } from '../src/shutdown.js';

// Durations here are only compared with the server's own timers (the shutdown grace, the 30 s
// head timeout); what the test waits for is always an event, so a slow machine does not fail it.

function exited(server: ServerProcess): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => server.child.once('exit', (code) => resolve({ code, ms: Date.now() - started })));
}

/** A connection with `head` written, collecting what comes back. */
function open(port: number, head: string): { socket: Socket; text: () => string; replied: Promise<void> } {
  const socket = connect(port, '127.0.0.1');
  let text = '';
  let replied: () => void;
  const reply = new Promise<void>((resolve) => (replied = resolve));
  socket.on('data', (c: Buffer) => {
    text += c.toString('latin1');
    if (parseReplies(text).length > 0) replied();
  });
  socket.on('error', () => {});
  socket.write(head);
  return { socket, text: () => text, replied: reply };
}

/**
 * Resolves once the server has read what was written before on other connections: bytes on
 * loopback are in its socket buffers when write returns, and it reads every ready socket in the
 * loop turn that accepts this new connection, before it answers it.
 */
async function barrier(port: number): Promise<void> {
  const { replied, socket } = open(port, 'GET /__mock/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  await replied;
  socket.destroy();
}

/** Resolves once the server's listener is closed: it has begun to shut down. */
async function refusing(port: number): Promise<void> {
  for (;;) {
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => resolve(false)).once('error', () => resolve(true));
    });
    if (refused) return;
  }
}

t.test(
  'SIGTERM: idle keep-alive closed, a request held by a delay fault answered, exit before the grace',
  async (t) => {
    const server = await startServer();
    t.teardown(() => server.stop());
    const { port } = server.ready;
    const faults = `http://127.0.0.1:${port}/__mock/faults`;
    const fault = await fetch(faults, {
      method: 'POST',
      body: JSON.stringify({ path: '/api/', action: 'delay', delay: '20s' }),
    });
    t.equal(fault.status, 201);
    const idle = open(port, 'GET /__mock/health HTTP/1.1\r\nHost: x\r\n\r\n');
    const held = open(port, 'GET /api/ HTTP/1.1\r\nHost: x\r\n\r\n');
    await idle.replied;
    t.match(idle.text(), /^HTTP\/1\.1 200 /, 'the idle connection was served and kept alive');
    // The delay has begun once the rule counts its hit.
    while (((await (await fetch(faults)).json()) as { faults: { hits: number }[] }).faults[0]!.hits === 0);
    t.equal(held.text(), '', 'the other request is held by the delay');
    const exit = exited(server);
    server.child.kill('SIGTERM');
    const { code, ms } = await exit;
    t.equal(code, 0);
    t.ok(ms < SHUTDOWN_GRACE_MS, `exited in ${ms} ms, without waiting for the grace or the 20 s delay`);
    t.same(
      parseReplies(held.text()).map((r) => r.status),
      [200],
      'the held request was answered',
    );
  },
);

/** A server with one request head still arriving (it never completes): only a cut ends it. */
async function serverWithSlowRequest(t: Test): Promise<ServerProcess> {
  const server = await startServer();
  t.teardown(() => server.stop());
  const slow = open(server.ready.port, 'GET /api/ HTTP/1.1\r\nHost: x\r\n');
  t.teardown(() => slow.socket.destroy());
  await barrier(server.ready.port);
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
    t.ok(ms >= SHUTDOWN_GRACE_MS - 50, `waited for the 5 s grace (${ms} ms)`);
    t.ok(ms < 20_000, `and cut then, not at the 30 s head timeout (${ms} ms)`);

    const second = await serverWithSlowRequest(t);
    const exit2 = exited(second);
    second.child.kill('SIGTERM');
    await refusing(second.ready.port);
    second.child.kill('SIGTERM');
    const out = await exit2;
    t.equal(out.code, 143, 'the second SIGTERM exits with 128 + 15, not 0 at the end of the grace');
    t.ok(out.ms < SHUTDOWN_GRACE_MS, `before the grace ran out (${out.ms} ms)`);
  },
);
