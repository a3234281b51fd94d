import t from 'tap';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = new URL('../src/cli.ts', import.meta.url).pathname;

/** Runs the CLI with tap's TypeScript loader; resolves with its first stdout line or its exit. */
function run(args: string[]): Promise<{ line?: string; code?: number | null; stderr: string; kill(): void }> {
  const child = spawn(process.execPath, [...process.execArgv, CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, EM_MOCK_PORT: '' },
  });
  let out = '';
  let stderr = '';
  const kill = () => child.kill('SIGTERM');
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      kill();
      resolve({ stderr: `${stderr}(timed out)`, kill });
    }, 60_000);
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve({ line: out.slice(0, nl), stderr, kill });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, kill });
    });
  });
}

t.test('--port 0 prints one JSON line once listening, and the server answers', async (t) => {
  const r = await run([
    '--port',
    '0',
    '--seed',
    '5',
    '--clock-start',
    '2026-11-29T12:00:00Z',
    '--restore-sessions',
    '10',
  ]);
  t.teardown(r.kill);
  t.ok(r.line, r.stderr);
  const ready = JSON.parse(r.line!);
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
  const r = await run(['--port', '0', '--data', file]);
  t.equal(r.code, 2);
  t.equal(
    r.stderr,
    `veeam-em-mock: ${file}:3: restoreSessions[0].result: expected one of Success, Warning, Failed, got "Great"\n`,
  );
});

t.test('--control false leaves the control plane out of the ready line', async (t) => {
  const r = await run(['--port', '0', '--control', 'false', '--restore-sessions', '1']);
  t.teardown(r.kill);
  t.equal(JSON.parse(r.line!).control, null);
});
