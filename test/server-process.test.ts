import t from 'tap';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StartError, startServer } from './server-process.js';
import { patience } from './patience.js';

// Stand-ins for the CLI. Each ignores SIGTERM once it runs, so only a SIGKILL ends it.
const dir = mkdtempSync(join(tmpdir(), 'em-mock-server-process-'));
function fakeCli(name: string, body: string): string {
  const file = join(dir, `${name}.mjs`);
  writeFileSync(
    file,
    `process.on('SIGTERM', () => process.stderr.write('SIGTERM ignored\\n'));\n${body}\nsetInterval(() => {}, 60_000);\n`,
  );
  return file;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw err;
  }
}

async function startFailure(cli: string, readyMs: number): Promise<StartError> {
  try {
    await startServer([], {}, { cli, readyMs, graceMs: 200 });
  } catch (err) {
    if (err instanceof StartError) return err;
    throw err;
  }
  throw new Error('the start did not fail');
}

t.test('a start with no ready line in time leaves no process behind', async (t) => {
  const err = await startFailure(fakeCli('silent', ''), 300);
  t.match(err.message, /^no ready line within 300 ms: /);
  t.type(err.pid, 'number');
  t.notOk(alive(err.pid!), `process ${err.pid} is gone`);
});

t.test('a first line that is not the ready line: stopped even past SIGTERM, stderr in the error', async (t) => {
  const cli = fakeCli('chatty', "process.stderr.write('starting up\\n');\nprocess.stdout.write('hello\\n');");
  const err = await startFailure(cli, 60_000);
  t.match(err.message, /^the first line is not the JSON ready line: "hello": starting up\n/);
  t.notOk(alive(err.pid!), `process ${err.pid} is gone`);
});

t.test('stop() kills a server that does not stop on SIGTERM', async (t) => {
  const cli = fakeCli('stubborn', `process.stdout.write(JSON.stringify({ url: 'x', pid: process.pid }) + '\\n');`);
  const server = await startServer([], {}, { cli, graceMs: 200 });
  t.equal(server.ready.pid, server.child.pid);
  await server.stop();
  t.equal(server.child.signalCode, 'SIGKILL');
  t.notOk(alive(server.ready.pid));
  await server.stop();
  t.pass('stopping a stopped server resolves at once');
});

t.test('patience: a positive number of ms from the environment, else 30 s', async (t) => {
  t.equal(patience('90000'), 90_000);
  for (const v of [undefined, '', '0', '-5', 'soon']) t.equal(patience(v), 30_000, JSON.stringify(v) ?? 'unset');
});
