import { spawnSync } from 'node:child_process';
import t from 'tap';
import { BUNDLED_CLI, CLI, startServer, StartError } from './server-process.js';

// The command line users run (`npx veeam-em-mock`, `npm start`, the container) is one file that
// esbuild bundles from tsc's output: these check that file is the mock, not a stale or partial
// build. Its children collect no coverage (tap's process-info hook is told so): mapped back
// through the bundle, its functions would count again, inexactly, against the sources the
// unbundled CLI's tests cover.
const NO_COVERAGE = { _TAPJS_PROCESSINFO_COVERAGE_: '0' };
const ADMIN = Buffer.from('admin:admin').toString('base64');

t.test(
  'the bundled CLI serves the mock: ready line, logon, restore sessions, the same bytes as the unbundled one',
  async (t) => {
    const args = ['--seed', '7', '--clock-start', '2026-11-29T12:00:00Z'];
    const bundled = await startServer(args, NO_COVERAGE, { cli: BUNDLED_CLI });
    t.teardown(() => bundled.stop());
    const plain = await startServer(args, NO_COVERAGE, { cli: CLI });
    t.teardown(() => plain.stop());
    t.match(bundled.ready, { seed: 7, clock: /^2026-11-29T12:00:0\d/ });

    // Both in XML and JSON, each server's clock set to one instant and frozen (each runs from its own start).
    const bodies = { xml: [] as string[], json: [] as string[] };
    for (const server of [bundled, plain]) {
      const clock = await fetch(`${server.ready.control}/clock`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ now: '2026-11-29T12:00:00Z', frozen: true }),
      });
      t.equal(clock.status, 200);
      const logon = await fetch(`${server.ready.url}sessionMngr/?v=latest`, {
        method: 'POST',
        headers: { Authorization: `Basic ${ADMIN}` },
      });
      t.equal(logon.status, 201);
      for (const [format, accept] of [
        ['xml', 'application/xml'],
        ['json', 'application/json'],
      ] as const) {
        const res = await fetch(`${server.ready.url}restoreSessions?format=Entity`, {
          headers: { 'X-RestSvcSessionId': logon.headers.get('x-restsvcsessionid')!, Accept: accept },
        });
        t.equal(res.status, 200);
        bodies[format].push((await res.text()).replaceAll(server.ready.url, 'BASE/'));
      }
    }
    t.ok(JSON.parse(bodies.json[0]!).RestoreSessions.length > 0, 'restore sessions listed');
    t.match(bodies.xml[0], /<RestoreSessions [^>]*>\s*<RestoreSession /, 'and in XML');
    t.equal(bodies.xml[0], bodies.xml[1], 'XML: the bundle answers byte for byte as the modules it was built from');
    t.equal(bodies.json[0], bodies.json[1], 'JSON: the same');
  },
);

t.test('the bundled CLI refuses a bad option with its one-line message and exit code 2', async (t) => {
  const err = await startServer(['--seed', 'abc'], NO_COVERAGE, { cli: BUNDLED_CLI }).catch((e: unknown) => e);
  t.type(err, StartError);
  t.match((err as StartError).message, /veeam-em-mock: invalid --seed/);
  const help = spawnSync(process.execPath, [BUNDLED_CLI, '--help'], {
    encoding: 'utf8',
    env: { ...process.env, ...NO_COVERAGE },
  });
  t.equal(help.status, 0);
  t.match(help.stdout, /--port/);
});
