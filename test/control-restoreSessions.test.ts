import t from 'tap';
import { build, logon, get } from './helper.js';
import { control, json } from './controlHelper.js';

const ID = 'fa18c10f-0d61-455a-84fe-e54201af94fa';
const B = 'http://em.test:9398/api';
const LINKS_XML =
  `<Links><Link Href="${B}/backupServers/e011ec42-8341-4e65-8135-61393d84c47e" Name="vbr01.tech.local" Type="BackupServerReference" Rel="Up" />` +
  `<Link Href="${B}/restoreSessions/${ID}" Name="web-101@2026-11-29 11:55:00" Type="RestoreSessionReference" Rel="Alternate" />` +
  `<Link Href="${B}/vmRestorePoints/aa783302-b6de-4ee0-9fef-6ce50f1b05c1" Name="web-101@2026-11-28 20:01:46" Type="VmRestorePointReference" Rel="Related" /></Links>`;
const LINKS_JSON =
  `"Links":[{"Rel":"Up","Href":"${B}/backupServers/e011ec42-8341-4e65-8135-61393d84c47e","Name":"vbr01.tech.local","Type":"BackupServerReference"},` +
  `{"Rel":"Alternate","Href":"${B}/restoreSessions/${ID}","Name":"web-101@2026-11-29 11:55:00","Type":"RestoreSessionReference"},` +
  `{"Rel":"Related","Href":"${B}/vmRestorePoints/aa783302-b6de-4ee0-9fef-6ce50f1b05c1","Name":"web-101@2026-11-28 20:01:46","Type":"VmRestorePointReference"}]`;

function entityXml(body: string): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?><RestoreSession xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
    `Href="${B}/restoreSessions/${ID}?format=Entity" Type="RestoreSession" Name="web-101@2026-11-29 11:55:00" UID="urn:veeam:RestoreSession:${ID}" VmDisplayName="web-101" xmlns="http://www.veeam.com/ent/v1.0">` +
    `${LINKS_XML}<JobType>RestoreVm</JobType><CreationTimeUTC>2026-11-29T11:55:00Z</CreationTimeUTC>${body}` +
    '<RestoredObjRef>urn:VMware:Vm:29046bb4-d069-4f80-afb9-0775b2342dee.vm-1003</RestoredObjRef></RestoreSession>'
  );
}

function entityJson(body: string): string {
  return (
    `{"RestoredObjRef":"urn:VMware:Vm:29046bb4-d069-4f80-afb9-0775b2342dee.vm-1003","VmDisplayName":"web-101","JobUid":null,"JobName":null,"JobType":"RestoreVm","CreationTimeUTC":"2026-11-29T11:55:00Z",${body},` +
    `"FailureMessage":null,"Name":"web-101@2026-11-29 11:55:00","UID":"urn:veeam:RestoreSession:${ID}",${LINKS_JSON},"Href":"${B}/restoreSessions/${ID}?format=Entity","Type":"RestoreSession"}`
  );
}

t.test('a created running session progresses with the clock, then stops with the requested result', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  const res = await control(app, 'POST', '/__mock/restoreSessions', {
    vm: 'web-101',
    state: 'Working',
    duration: '1h',
    result: 'Warning',
  });
  t.equal(res.statusCode, 201);
  t.equal(res.headers['content-type'], 'application/json; charset=utf-8');
  t.same(json(res), {
    restoreSessions: [
      {
        id: ID,
        uid: `urn:veeam:RestoreSession:${ID}`,
        name: 'web-101@2026-11-29 11:55:00',
        href: `/api/restoreSessions/${ID}`,
        jobType: 'RestoreVm',
        vm: 'web-101',
        platform: 'VMware',
        backupServer: 'vbr01.tech.local',
        vmRestorePoint: 'aa783302-b6de-4ee0-9fef-6ce50f1b05c1',
        creationTime: '2026-11-29T11:55:00Z',
        endTime: '2026-11-29T12:55:00Z',
        state: 'Working',
        result: 'None',
        progress: 8,
      },
    ],
  });
  let token = await logon(app);
  const url = `/api/restoreSessions/${ID}?format=Entity`;
  t.equal(
    (await get(app, token, url)).body,
    entityXml('<State>Working</State><Result>None</Result><Progress>8</Progress>'),
  );
  t.equal((await get(app, token, url, 'json')).body, entityJson('"State":"Working","Result":"None","Progress":8'));
  t.ok(
    JSON.parse((await get(app, token, '/api/restoreSessions', 'json')).body).Refs.some((r: { UID: string }) =>
      r.UID.endsWith(ID),
    ),
    'listed',
  );

  // Logon sessions expire after 15 idle minutes: log on again after each jump.
  await control(app, 'PUT', '/__mock/clock', { advance: '30m' });
  token = await logon(app);
  t.equal((await get(app, token, url, 'json')).body, entityJson('"State":"Working","Result":"None","Progress":58'));

  await control(app, 'PUT', '/__mock/clock', { advance: '25m' });
  token = await logon(app);
  t.equal(
    (await get(app, token, url)).body,
    entityXml(
      '<EndTimeUTC>2026-11-29T12:55:00Z</EndTimeUTC><State>Stopped</State><Result>Warning</Result><Progress>100</Progress>',
    ),
  );
  t.equal(
    (await get(app, token, url, 'json')).body,
    entityJson('"EndTimeUTC":"2026-11-29T12:55:00Z","State":"Stopped","Result":"Warning","Progress":100'),
  );
});

t.test('fields left out are derived', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  const [first] = json(await control(app, 'POST', '/__mock/restoreSessions')).restoreSessions;
  t.match(first, {
    jobType: 'RestoreVm',
    vm: 'web-101',
    creationTime: '2026-11-29T11:00:00Z',
    endTime: '2026-11-29T11:10:00Z',
    state: 'Stopped',
    result: 'Success',
    progress: 100,
  });
  const [flr] = json(
    await control(app, 'POST', '/__mock/restoreSessions', {
      platform: 'HyperV',
      backupServer: 'VBR02.tech.local',
      jobType: 'fileLevelRestore',
      state: 'Working',
    }),
  ).restoreSessions;
  t.match(flr, {
    name: 'FLR_[web-201-hv]@2026-11-29 11:55:00',
    jobType: 'FileLevelRestore',
    platform: 'HyperV',
    backupServer: 'vbr02.tech.local',
    creationTime: '2026-11-29T11:55:00Z',
    endTime: '2026-11-29T12:30:00Z',
    state: 'Working',
  });
  const [byEnd] = json(
    await control(app, 'POST', '/__mock/restoreSessions', { endTime: '+20m', result: 'Failed' }),
  ).restoreSessions;
  t.match(byEnd, {
    creationTime: '2026-11-29T11:45:00Z',
    endTime: '2026-11-29T12:20:00Z',
    state: 'Working',
    result: 'None',
  });
  const [past] = json(
    await control(app, 'POST', '/__mock/restoreSessions', {
      creationTime: '2026-11-20T10:00:00Z',
      endTime: '2026-11-20T10:45:00.5Z',
      name: 'custom',
      id: 'urn:veeam:RestoreSession:0000AAAA-0000-4000-8000-000000000001',
    }),
  ).restoreSessions;
  t.match(past, {
    id: '0000aaaa-0000-4000-8000-000000000001',
    name: 'custom',
    endTime: '2026-11-20T10:45:00.5Z',
    state: 'Stopped',
    result: 'Success',
  });
  const [ahead] = json(
    await control(app, 'POST', '/__mock/restoreSessions', { creationTime: '-10m', duration: '1h' }),
  ).restoreSessions;
  t.match(
    ahead,
    { state: 'Working', endTime: '2026-11-29T12:50:00Z', progress: 16 },
    'an end still ahead means running',
  );
  const [long] = json(await control(app, 'POST', '/__mock/restoreSessions', { duration: '3h' })).restoreSessions;
  t.match(
    long,
    { creationTime: '2026-11-29T09:00:00Z', endTime: '2026-11-29T12:00:00Z', state: 'Stopped' },
    'a long finished session fits before now',
  );
});

t.test('an array creates several sessions; one bad element creates none', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  const before = app.store.restoreSessions.size;
  let res = await control(app, 'POST', '/__mock/restoreSessions', [
    { vm: 'app-102' },
    { vm: 'sql-103', result: 'Maybe' },
  ]);
  t.equal(res.statusCode, 400);
  t.equal(res.body, '{"error":"[1].result: expected one of Success, Warning, Failed, got \\"Maybe\\""}');
  t.equal(app.store.restoreSessions.size, before, 'nothing half-created');
  res = await control(app, 'POST', '/__mock/restoreSessions', [{ vm: 'app-102' }, { vm: 'sql-103', result: 'failed' }]);
  t.equal(res.statusCode, 201);
  t.same(
    json(res).restoreSessions.map((s: { vm: string; result: string }) => [s.vm, s.result]),
    [
      ['app-102', 'Success'],
      ['sql-103', 'Failed'],
    ],
  );
  t.equal(app.store.restoreSessions.size, before + 2);
});

t.test('invalid bodies get 400 naming the field', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  const cases: [unknown, string][] = [
    [{ vm: 'nope' }, 'vm: no VM named "nope"'],
    [{ vm: 'web-101', platform: 'HyperV' }, 'platform: no VM web-101 on platform HyperV'],
    [{ platform: 'Xen' }, 'platform: expected one of VMware, vCloud, HyperV, got "Xen"'],
    [{ backupServer: 'vbr09' }, 'backupServer: no VM on a backup server named "vbr09"'],
    [{ vmRestorePoint: 'abc' }, 'vmRestorePoint: expected a GUID or urn:veeam:VmRestorePoint:<guid>'],
    [
      { vmRestorePoint: '00000000-0000-4000-8000-000000000000' },
      'vmRestorePoint: no VM restore point 00000000-0000-4000-8000-000000000000',
    ],
    [
      { vmRestorePoint: 'aa783302-b6de-4ee0-9fef-6ce50f1b05c1', vm: 'app-102' },
      "vm: the restore point's VM web-101 does not match",
    ],
    [{ jobType: 'Backup' }, 'jobType: expected one of RestoreVm, FileLevelRestore, got "Backup"'],
    [
      { state: 'Working', endTime: '-1m' },
      'endTime: a Working session must end after the mock clock (2026-11-29T12:00:00Z)',
    ],
    [
      { state: 'Stopped', endTime: '+1m' },
      'endTime: a Stopped session must have ended by the mock clock (2026-11-29T12:00:00Z)',
    ],
    [
      { state: 'Stopped', creationTime: '-1h', duration: '2h' },
      'duration: a Stopped session must have ended by the mock clock (2026-11-29T12:00:00Z)',
    ],
    [{ creationTime: '+1m' }, 'creationTime: is after the mock clock (2026-11-29T12:00:00Z)'],
    [{ creationTime: '-1h', endTime: '-2h' }, 'endTime: the session must end after it starts'],
    [{ endTime: '-1h', duration: '1h' }, 'duration: give endTime or duration, not both'],
    [{ duration: 0 }, 'duration: must be longer than 0'],
    [{ id: 'x' }, 'id: expected a GUID or urn:veeam:RestoreSession:<guid>'],
    [{ name: '' }, 'name: expected a non-empty string, got ""'],
    [{ name: 5 }, 'name: expected a non-empty string, got 5'],
    [
      { type: 'RestoreVm' },
      'type: unknown field; expected one of id, name, vm, platform, backupServer, vmRestorePoint, jobType, creationTime, endTime, duration, state, result',
    ],
    ['[1, 2]', '[0]: expected a JSON object, got 1'],
    ['nonsense', 'The request body is not valid JSON'],
  ];
  for (const [body, message] of cases) {
    const res = await control(app, 'POST', '/__mock/restoreSessions', body);
    t.equal(res.statusCode, 400, JSON.stringify(body));
    t.ok(json(res).error.startsWith(message), `${json(res).error} starts with ${message}`);
  }
  const existing = app.store.restoreSessions.all()[0]!.id;
  const res = await control(app, 'POST', '/__mock/restoreSessions', [{ id: existing }]);
  t.equal(json(res).error, `[0].id: a restore session ${existing} already exists`);
  const twice = '0000aaaa-0000-4000-8000-000000000002';
  t.equal(
    json(await control(app, 'POST', '/__mock/restoreSessions', [{ id: twice }, { id: twice }])).error,
    `[1].id: a restore session ${twice} already exists`,
  );
});

t.test('DELETE /__mock/restoreSessions/{id} removes a session from the API', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  const token = await logon(app);
  const victim = app.store.restoreSessions.all().at(-1)!;
  t.equal((await get(app, token, `/api/restoreSessions/${victim.id}`)).statusCode, 200);
  const res = await control(
    app,
    'DELETE',
    `/__mock/restoreSessions/urn:veeam:RestoreSession:${victim.id.toUpperCase()}`,
  );
  t.equal(res.statusCode, 200);
  t.match(json(res), { deleted: { id: victim.id, name: victim.name } });
  t.equal((await get(app, token, `/api/restoreSessions/${victim.id}`)).statusCode, 404);
  t.notOk(
    JSON.parse((await get(app, token, '/api/restoreSessions', 'json')).body).Refs.some((r: { UID: string }) =>
      r.UID.endsWith(victim.id),
    ),
  );
  const again = await control(app, 'DELETE', `/__mock/restoreSessions/${victim.id}`);
  t.equal(again.statusCode, 400);
  t.equal(again.body, `{"error":"There is no restore session ${victim.id}."}`);
  t.equal(
    json(await control(app, 'DELETE', '/__mock/restoreSessions/zzz')).error,
    '"zzz" is neither a GUID nor a RestoreSession UID.',
  );
});

t.test('created ids repeat for the same seed', async (t) => {
  const ids: string[] = [];
  for (let i = 0; i < 2; i++) {
    const { app } = await build({ restoreSessions: 0 });
    ids.push(
      json(await control(app, 'POST', '/__mock/restoreSessions', [{}, {}]))
        .restoreSessions.map((s: { id: string }) => s.id)
        .join(),
    );
    await app.close();
  }
  t.equal(ids[0], ids[1]);
});
