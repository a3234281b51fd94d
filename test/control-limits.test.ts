import t from 'tap';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, CLOCK_START } from './helper.js';
import { control, json } from './controlHelper.js';
import { ConfigError, parseConfig } from '../src/config.js';
import { startMockServer } from '../src/index.js';
import { StartupFileError } from '../src/control/jsonFile.js';
import { FaultRules } from '../src/control/faults.js';

// Issue 13: every numeric or time input of the control plane is range-checked before anything
// changes, JSON nesting and batches are bounded. Each case here crashed, froze or answered 500
// (or silently accepted) before.

const RANGE = 'between 1980-01-01T00:00:00.000Z and 2999-12-31T23:59:59.999Z';
const dir = mkdtempSync(join(tmpdir(), 'em-mock-limits-'));

/** A fingerprint of the state a refused request must leave alone. */
async function state(app: Awaited<ReturnType<typeof build>>['app']) {
  return JSON.stringify([
    json(await control(app, 'GET', '/__mock/clock')),
    app.store.restoreSessions.size,
    app.control.faults.list(),
  ]);
}

t.test('out-of-range clock values get 400 naming the field and range, and change nothing', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  const before = await state(app);
  const cases: [string, string, unknown, string][] = [
    // This one made the process run out of memory within seconds.
    [
      'POST',
      '/__mock/reset',
      { clock: '+894582880806664207241d' },
      `clock: must be ${RANGE}, got an instant beyond any calendar`,
    ],
    ['POST', '/__mock/reset', { clock: '0001-01-01' }, `clock: must be ${RANGE}, got 0001-01-01T00:00:00.000Z`],
    ['PUT', '/__mock/clock', { now: '+27000000d' }, `now: must be ${RANGE}, got +075950-05-27T12:00:00.000Z`],
    ['PUT', '/__mock/clock', { now: '3000-01-01T00:00:00Z' }, `now: must be ${RANGE}, got 3000-01-01T00:00:00.000Z`],
    [
      'PUT',
      '/__mock/clock',
      { now: '2999-12-31T00:00:00Z', advance: '2d', frozen: true },
      `advance: must be ${RANGE}, got 3000-01-02T00:00:00.000Z`,
    ],
    [
      'PUT',
      '/__mock/clock',
      { advance: '3651d' },
      'advance: must be between 0 and 315360000000 ms (3650d), got "3651d"',
    ],
    [
      'POST',
      '/__mock/restoreSessions',
      { endTime: '0001-01-01T01:00:00Z' },
      `endTime: must be ${RANGE}, got 0001-01-01T01:00:00.000Z`,
    ],
    [
      'POST',
      '/__mock/faults',
      { action: 'delay', delay: '11m' },
      'delay: must be between 0 and 600000 ms (10m), got "11m"',
    ],
    [
      'POST',
      '/__mock/faults',
      { action: 'error', times: 0 },
      `times: must be between 1 and ${Number.MAX_SAFE_INTEGER}, got 0`,
    ],
    ['POST', '/__mock/faults', { action: 'error', probability: 1.5 }, 'probability: must be between 0 and 1, got 1.5'],
  ];
  for (const [method, url, body, error] of cases) {
    const res = await control(app, method as 'PUT', url, body);
    t.equal(res.statusCode, 400, `${method} ${url} ${JSON.stringify(body)}`);
    t.same(json(res), { error });
    t.equal(res.headers['content-type'], 'application/json; charset=utf-8');
  }
  t.equal(await state(app), before, 'nothing changed');
});

t.test('times a restore session derives are range-checked too', async (t) => {
  const { app } = await build({ clockStart: Date.parse('1980-01-01T00:30:00Z') });
  t.teardown(() => app.close());
  const size = app.store.restoreSessions.size;
  // A finished session with no times starts an hour before the clock: before the range here.
  const res = await control(app, 'POST', '/__mock/restoreSessions', {});
  t.equal(res.statusCode, 400);
  t.same(json(res), { error: `creationTime: must be ${RANGE}, got 1979-12-31T23:30:00.000Z` });
  t.equal(app.store.restoreSessions.size, size);
});

t.test('JSON nested deeper than 32 levels is refused before it is read (it overflowed the stack: 500)', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  const before = await state(app);
  const deep = '['.repeat(64) + ']'.repeat(64);
  const targets: [string, string][] = [
    ['POST', '/__mock/restoreSessions'],
    ['POST', '/__mock/faults'],
    ['PUT', '/__mock/clock'],
    ['POST', '/__mock/reset'],
  ];
  for (const [method, url] of targets) {
    const res = await control(app, method as 'POST', url, deep);
    t.equal(res.statusCode, 400, `${method} ${url}`);
    t.equal(res.body, '{"error":"The request body nests JSON deeper than 32 levels."}');
  }
  // Brackets inside strings do not count; 32 levels are fine (and then refused for their content).
  const ok = await control(
    app,
    'POST',
    '/__mock/faults',
    `${'['.repeat(31)}{"action":"error","message":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}${']'.repeat(31)}`,
  );
  t.same(json(ok), {
    error: '[0]: expected a JSON object, got [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[{"action":"error","message":"[…',
  });
  t.equal(await state(app), before);
});

t.test('batches are bounded: 1000 restore sessions or fault rules per request', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  const before = await state(app);
  let res = await control(
    app,
    'POST',
    '/__mock/restoreSessions',
    Array.from({ length: 1001 }, () => ({})),
  );
  t.equal(res.statusCode, 400);
  t.same(json(res), { error: '(body): at most 1000 restore sessions per request or file, got 1001' });
  res = await control(
    app,
    'POST',
    '/__mock/faults',
    Array.from({ length: 1001 }, () => ({ action: 'drop', path: '/none' })),
  );
  t.same(json(res), { error: '(body): at most 1000 fault rules may be in force; 0 are, 1001 more given' });
  t.equal(await state(app), before, 'nothing added');

  res = await control(
    app,
    'POST',
    '/__mock/restoreSessions',
    Array.from({ length: 1000 }, () => ({})),
  );
  t.equal(res.statusCode, 201, 'a full batch is fine');
  t.equal(json(res).restoreSessions.length, 1000);
  t.equal(
    (
      await control(
        app,
        'POST',
        '/__mock/faults',
        Array.from({ length: 1000 }, () => ({ action: 'drop', path: '/none' })),
      )
    ).statusCode,
    201,
  );
  res = await control(app, 'POST', '/__mock/faults', { action: 'drop' });
  t.same(json(res), { error: '(body): at most 1000 fault rules may be in force; 1000 are, 1 more given' });
});

t.test('delays of every matching rule add up to at most 10 minutes', async (t) => {
  const rules = new FaultRules(1);
  rules.add([
    { action: 'delay', delay: '10m' },
    { action: 'delay', delay: '10m' },
  ]);
  t.equal(rules.decide('GET', '/api/', undefined).delayMs, 600_000);
});

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

t.test('dataset and fault files: __proto__ keys, deep nesting, out-of-range times are refused', async (t) => {
  const cases: [Partial<Parameters<typeof build>[0]>, string][] = [
    [
      { dataFile: file('proto.json', '{"backupServers": [],\n "__proto__": {"x": 1}}') },
      'proto.json:2: __proto__: unknown field; expected one of backupServers, restoreSessions',
    ],
    [
      { dataFile: file('ctor.json', '{"backupServers": [{"name": "a", "constructor": 1}]}') },
      'ctor.json:1: backupServers[0].constructor: unknown field; expected one of name, description, version, hierarchyRoots',
    ],
    [
      { faultsFile: file('pfault.json', '[{"action": "drop", "__proto__": {"path": "/x"}}]') },
      'pfault.json:1: [0].__proto__: unknown field; expected one of method, path, user, action, status, message, delay, probability, times, skip',
    ],
    [
      { faultsFile: file('deep.json', `\n${'['.repeat(40)}${']'.repeat(40)}`) },
      'deep.json:2: invalid JSON: nesting deeper than 32 levels near "[[[[[[[[]]]]"',
    ],
    [
      { dataFile: file('old.json', '{"restoreSessions": [{"endTime": "1970-01-01T00:00:00Z"}]}') },
      `old.json:1: restoreSessions[0].endTime: must be ${RANGE}, got 1970-01-01T00:00:00.000Z`,
    ],
  ];
  for (const [overrides, message] of cases) {
    const err = await build(overrides).then(
      ({ app }) => app.close().then(() => undefined),
      (e: unknown) => e,
    );
    t.ok(err instanceof StartupFileError, message);
    t.equal((err as Error).message, join(dir, message));
  }
});

t.test('flags and the library check the same ranges before anything starts', async (t) => {
  t.throws(
    () => parseConfig(['--clock-start', '0001-01-01T00:00:00Z'], {}),
    new ConfigError(`invalid --clock-start (EM_MOCK_CLOCK_START) value "0001-01-01T00:00:00Z": must be ${RANGE}`),
  );
  t.throws(() => parseConfig(['--idle-timeout', '99999d'], {}), /--idle-timeout .*from 1s to 3650d/);
  const refused: [Parameters<typeof startMockServer>[0], string][] = [
    [{ seed: -1 }, 'seed: must be an integer between 0 and 2147483647, got -1'],
    [{ restoreSessions: 1e9 }, 'restoreSessions: must be an integer between 0 and 1000000, got 1000000000'],
    [{ journalSize: 1.5 }, 'journalSize: must be an integer between 0 and 1000000, got 1.5'],
    [{ idleTimeoutMs: Infinity }, 'idleTimeoutMs: must be an integer between 1000 and 315360000000, got Infinity'],
    [{ port: 70000 }, 'port: must be an integer between 0 and 65535, got 70000'],
    [{ clockStart: '0001-01-01T00:00:00Z' }, `clockStart: must be ${RANGE}, got 0001-01-01T00:00:00Z`],
  ];
  for (const [options, message] of refused) {
    await t.rejects(startMockServer(options), new ConfigError(message));
  }
  const server = await startMockServer({ clockStart: CLOCK_START, restoreSessions: 5, frozen: true });
  t.teardown(() => server.close());
  t.equal(server.controlToken, '', 'loopback: open');
  t.throws(() => server.clock.set(1e20), new RangeError(`clock: must be ${RANGE}, got 100000000000000000000 ms`));
  t.throws(() => server.clock.advance(1e15), RangeError);
  t.equal(server.clock.now(), CLOCK_START, 'the library clock did not move');
  t.throws(() => server.reset({ clock: '+9999999d' }), {
    message: `clock: must be ${RANGE}, got +029405-12-24T12:00:00.000Z`,
  });
});

t.test('a reset the dataset file cannot be rebuilt at is refused and changes nothing', async (t) => {
  const dataFile = file(
    'absolute.json',
    '{"backupServers": [{"name": "vbr", "hierarchyRoots": [{"name": "vc", "platform": "VMware", "vms": ["web"]}]}],' +
      ' "restoreSessions": [{"creationTime": "2026-11-29T10:00:00Z", "duration": "10m"}]}',
  );
  const { app } = await build({ dataFile });
  t.teardown(() => app.close());
  const before = await state(app);
  const store = app.store;
  const res = await control(app, 'POST', '/__mock/reset', { clock: '2026-11-01T00:00:00Z' });
  t.equal(res.statusCode, 400);
  t.same(json(res), {
    error:
      'The dataset cannot be rebuilt at 2026-11-01T00:00:00.000Z: restoreSessions[0].creationTime: is after the mock clock (2026-11-01T00:00:00Z)',
  });
  t.equal(await state(app), before);
  t.equal(app.store, store, 'the same store is served');
  t.equal((await control(app, 'GET', '/__mock/ready')).statusCode, 200, 'and the mock is ready');
});
