import t from 'tap';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, logon, get } from './helper.js';
import { control, json } from './controlHelper.js';

const EXAMPLE = new URL('../data/example-dataset.json', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'em-mock-dataset-'));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

t.test('the example dataset replaces the generated environment', async (t) => {
  const { app } = await build({ dataFile: EXAMPLE });
  t.teardown(() => app.close());
  const token = await logon(app);
  const servers = JSON.parse((await get(app, token, '/api/backupServers', 'json')).body).Refs.map(
    (r: { Name: string }) => r.Name,
  );
  t.same(servers, ['vbr01.lab.local', 'vbr02.lab.local']);
  const sessions = JSON.parse(
    (await get(app, token, '/api/restoreSessions?format=Entity', 'json')).body,
  ).RestoreSessions;
  t.same(
    sessions.map((s: Record<string, unknown>) => [s.Name, s.JobType, s.State, s.Result, s.Progress, s.RestoredObjRef]),
    [
      [
        'web-01@2026-11-26 12:00:00',
        'RestoreVm',
        'Stopped',
        'Success',
        100,
        `urn:VMware:Vm:${app.store.hierarchyRoots.all()[0]!.id}.${app.store.vms[0]!.objectRef}`,
      ],
      ['FLR_[db-01]@2026-11-28 10:00:00', 'FileLevelRestore', 'Stopped', 'Failed', 100, undefined],
      [
        'app-01@2026-11-29 11:50:00',
        'RestoreVm',
        'Working',
        'None',
        16,
        `urn:vCloud:Vm:${app.store.hierarchyRoots.all()[2]!.id}.${app.store.vms[3]!.objectRef}`,
      ],
    ],
    'the 40-day-old session is outside the window',
  );
  t.equal(app.store.vms[1]!.objectRef, 'vm-2001');
  t.equal(app.store.restoreSessions.size, 4);
  t.ok(app.store.vmRestorePoints.size > 100, 'restore points generated for the listed VMs');

  const res = await control(app, 'POST', '/__mock/reset', { restoreSessions: 3 });
  t.equal(res.statusCode, 400);
  t.equal(
    json(res).error,
    'restoreSessions: the restore sessions come from the --data file; its size cannot be changed',
  );
  t.equal(
    json(await control(app, 'POST', '/__mock/reset', { clock: '2026-12-05T00:00:00Z' })).restoreSessions,
    4,
    'reset rebuilds from the file',
  );
  t.equal(
    app.store.restoreSessions.all()[3]!.creationTime,
    Date.parse('2026-12-04T23:50:00Z'),
    'relative times follow the new start',
  );
});

t.test('bad dataset files stop start-up naming the line and the field', async (t) => {
  const cases: [string, string][] = [
    [
      '{\n  "backupServers": [\n    { "name": "a", "hierarchyRoots": [ { "name": "r", "platform": "Xen" } ] }\n  ]\n}',
      ':3: backupServers[0].hierarchyRoots[0].platform: expected one of VMware, vCloud, HyperV, got "Xen"',
    ],
    [
      '{\n  "backupServers": [\n    { "name": "a",\n      "hierarchyRoots": [ { "name": "r", "platform": "VMware", "vms": ["w"] } ] }\n  ],\n  "restoreSessions": [\n    {},\n    { "vm": "x" }\n  ]\n}',
      ':8: restoreSessions[1].vm: no VM named "x"',
    ],
    [
      '{\n  "backupServers": [\n    { "name": "a", }\n  ]\n}',
      ':3: invalid JSON: expected a field name in double quotes near "}\\n  ]\\n}"',
    ],
    ['{"servers": []}', ':1: servers: unknown field; expected one of backupServers, restoreSessions'],
    ['{"backupServers": [{}]}', ':1: backupServers[0].name: a backup server needs a name'],
    ['{"backupServers": {}}', ':1: backupServers: expected an array, got {}'],
    [
      '{"backupServers": [{"name": "a", "hierarchyRoots": [{"name": "r", "platform": "VMware", "vms": [""]}]}]}',
      ':1: backupServers[0].hierarchyRoots[0].vms[0]: expected a non-empty VM name',
    ],
    [
      '{"backupServers": [{"name": "a", "hierarchyRoots": [{"name": "r", "platform": "VMware", "vms": [{"objectRef": "vm-1"}]}]}]}',
      ':1: backupServers[0].hierarchyRoots[0].vms[0].name: a VM needs a name',
    ],
    [
      '{"backupServers": [{"name": "a", "hierarchyRoots": [{"platform": "VMware"}]}]}',
      ':1: backupServers[0].hierarchyRoots[0].name: a hierarchy root needs a name',
    ],
    [
      '{"backupServers": [{"name": "a", "hierarchyRoots": [{"name": "r"}]}]}',
      ':1: backupServers[0].hierarchyRoots[0].platform: expected one of VMware, vCloud, HyperV',
    ],
    ['{"restoreSessions": [{}]}', ':1: restoreSessions[0]: the dataset has no VMs to restore'],
    ['[1, 2', ':1: invalid JSON: expected "," or "]" at the end of the file'],
    ['{"a": tru}', ':1: invalid JSON: expected a JSON value near "tru}"'],
    ['{"a": "\\x"}', ':1: invalid JSON: invalid string near "\\"\\\\x\\"}"'],
    ['{} {}', ':1: invalid JSON: unexpected text after the JSON value near "{}"'],
    ['{"a" 1}', ':1: invalid JSON: expected ":" near "1}"'],
  ];
  for (const [text, message] of cases) {
    const path = file('bad.json', text);
    await t.rejects(build({ dataFile: path }), { message: `${path}${message}` }, message);
  }
  await t.rejects(build({ dataFile: join(dir, 'missing.json') }), {
    message: /^cannot read dataset file .*missing\.json: ENOENT/,
  });
});

t.test('valid JSON of every kind parses', async (t) => {
  const path = file(
    'ok.json',
    '{"backupServers":[{"name":"a","description":"d\\u00e9","hierarchyRoots":[{"name":"r","platform":"hyperv","vms":[{"name":"v","objectRef":null}]}]}],"restoreSessions":[{"vm":"v","name":"n","creationTime":"-1.5h","duration":1e3}],"x":null}'.replace(
      ',"x":null',
      '',
    ),
  );
  const { app } = await build({ dataFile: path });
  t.teardown(() => app.close());
  t.equal(app.store.backupServers.all()[0]!.description, 'dé');
  t.equal(app.store.hierarchyRoots.all()[0]!.platform, 'HyperV');
  t.match(app.store.restoreSessions.all()[0], {
    name: 'n',
    endTime: app.store.restoreSessions.all()[0]!.creationTime + 1000,
  });
});

t.test('fault rules from a start-up file', async (t) => {
  const rules = file('faults.json', '[\n  { "path": "/api/", "action": "error", "status": 503, "times": 1 }\n]');
  const { app } = await build({ faultsFile: rules });
  t.teardown(() => app.close());
  t.match(json(await control(app, 'GET', '/__mock/faults')).faults, [{ id: 1, path: '/api/', status: 503, times: 1 }]);
  t.equal((await app.inject({ method: 'GET', url: '/api/' })).statusCode, 503);
  t.equal((await app.inject({ method: 'GET', url: '/api/' })).statusCode, 200);
  const single = file('one.json', '{ "action": "drop" }');
  const one = await build({ faultsFile: single });
  t.equal(one.app.control.faults.list().length, 1, 'a single rule object is accepted');
  await one.app.close();
  const bad = file('bad-faults.json', '[\n  { "action": "drop" },\n  { "action": "error",\n    "status": 99 }\n]');
  await t.rejects(build({ faultsFile: bad }), { message: `${bad}:4: [1].status: must be between 400 and 599, got 99` });
});
