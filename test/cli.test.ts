import t from 'tap';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StartError, startServer } from './server-process.js';
import { PATIENCE_MS } from './patience.js';

const CLI = new URL('../src/cli.ts', import.meta.url).pathname;

/** The CLI from its TypeScript source, through tap's loader: compiling it takes longer than a start. */
const run = (args: string[]) =>
  startServer(args, { EM_MOCK_PORT: '' }, { cli: CLI, nodeArgs: process.execArgv, readyMs: 2 * PATIENCE_MS });

t.test('--port 0 prints one JSON line once listening, and the server answers', async (t) => {
  const server = await run(['--seed', '5', '--clock-start', '2026-11-29T12:00:00Z', '--restore-sessions', '10']);
  t.teardown(() => server.stop());
  const { ready } = server;
  t.same(Object.keys(ready), ['url', 'port', 'pid', 'seed', 'clock', 'control']);
  t.match(ready, {
    url: `http://127.0.0.1:${ready.port}/api/`,
    seed: 5,
    control: `http://127.0.0.1:${ready.port}/__mock`,
  });
  t.ok(ready.port > 0);
  t.equal((await fetch(`${ready.control}/ready`)).status, 200);
  t.equal(await (await fetch(`${ready.control}/ready`)).text(), '{"ready":true,"restoreSessions":10}');
});

t.test('a bad dataset file stops start-up with the line and field at fault', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'em-mock-cli-'));
  const file = join(dir, 'data.json');
  writeFileSync(file, '{\n  "restoreSessions": [\n    { "result": "Great" }\n  ]\n}\n');
  const err = await run(['--data', file]).then(
    (server) => server.stop(),
    (e: unknown) => e,
  );
  t.type(err, StartError);
  t.equal(
    (err as Error).message,
    `server exited with 2: veeam-em-mock: ${file}:3: restoreSessions[0].result: expected one of Success, Warning, Failed, got "Great"\n`,
  );
});

t.test('--control false leaves the control plane out of the ready line', async (t) => {
  const server = await run(['--control', 'false', '--restore-sessions', '1']);
  t.teardown(() => server.stop());
  t.equal(server.ready.control, null);
});
