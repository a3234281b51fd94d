import t from 'tap';
import { build, logon, get, HOST, type Fmt } from './helper.js';
import { matchExpected } from './expected.js';

const { app } = await build();
t.teardown(() => app.close());
const token = await logon(app);

type Json = Record<string, any>;

async function json(url: string): Promise<Json> {
  const res = await get(app, token, url, 'json');
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return JSON.parse(res.body);
}

/** UIDs of a reference query, in order. */
async function uids(url: string): Promise<string[]> {
  return (await json(url)).Refs.Refs.map((r: Json) => r.UID);
}

/** UIDs of the same query answered in XML. */
async function xmlUids(url: string): Promise<string[]> {
  const res = await get(app, token, url, 'xml');
  return [...res.body.matchAll(/<Ref UID="([^"]+)"/g)].map((m) => m[1]!);
}

t.test('literal bodies in XML and JSON, exact media types and lengths', async (t) => {
  const cases: [string, string][] = [
    ['backupServer-refs', '/api/query?type=BackupServer&filter=Name==vbr02.tech.local&v=latest'],
    [
      'restoreSession-entities-page2',
      '/api/query?type=RestoreSession&format=Entities&sortDesc=CreationTime&pageSize=1&page=2&filter=Result==Warning',
    ],
    ['querySvc', '/api/querySvc'],
  ];
  for (const [name, url] of cases) {
    for (const fmt of ['xml', 'json'] as Fmt[]) {
      const res = await get(app, token, url, fmt);
      t.equal(res.statusCode, 200, `${name} ${fmt}`);
      t.equal(res.headers['content-type'], fmt === 'json' ? 'application/json' : 'application/xml');
      t.equal(res.headers['content-length'], String(Buffer.byteLength(res.body)));
      matchExpected(t, res.body, `query/${name}`, fmt);
    }
  }
});

/**
 * The `Entities` members of a JSON QueryResult, in order, all null but the answered one: taken
 * from the live EM 12 answer in centreon-plugins tests/apps/backup/veeam/vbem/restapi/restapi.json.
 */
const CAPTURED_MEMBERS =
  'Jobs,FailoverPlans,Backups,Replicas,Repositories,RestorePoints,VmRestorePoints,VAppRestorePoints,VmReplicaPoints,' +
  'BackupJobSessions,ReplicaJobSessions,ReplicaTaskSessions,RestoreSessions,HierarchyRoots,BackupTaskSessions,' +
  'BackupServers,ManagedServers,EnterpiseRoles,EnterpiseAccounts,WanAccelerators,CloudGateways,CloudTenants,' +
  'CloudReplicas,VCloudOrganizationConfigs,BackupFiles,VSphereSelfServiceConfigs,CloudPublicIps,CloudHardwarePlans,' +
  'CloudVmReplicaPoints,AgentRestorePoints,AgentBackupJob,CloudGatewayPools,CloudFailoverPlans,ExternalRepositories,' +
  'VlanConfigurations,CloudFailoverSessions,AgentProtectionGroups,DiscoveredComputers,FileServers,NASJobs,CdpReplicas,' +
  'CdpReplicaVms,CdpPolicies,CdpReplicaSessions,CdpReplicaTaskSessions,VAppReplicaPoints,VmCdpReplicas,VAppCdpReplicas,' +
  'VAppCdpReplicaVms,SystemSessions';

/** The JSON `Entities` object with `member` set to `value` (a JSON text). */
const entitiesJson = (member: string, value: string) =>
  `{${CAPTURED_MEMBERS.split(',')
    .map((m) => `"${m}":${m === member ? value : 'null'}`)
    .join(',')}}`;

t.test('the whole QueryResult as a live EM 12 writes it; an empty result keeps its wrappers', async (t) => {
  // The capture's own request (centreon-plugins custom/api.pm), with a bound that matches nothing.
  const url = '/api/query?type=BackupJobSession&format=Entities&filter=CreationTime>=2030-02-18T14:16:31';
  // Its paging links, literally, but for the date: parameters by name, `%3e%3d`, `%3a`.
  const links =
    '/api/query?filter=CreationTime%3e%3d2030-02-18T14%3a16%3a31&amp;format=Entities&amp;type=BackupJobSession&amp;pageSize=100&amp;page=1';
  t.equal(
    (await get(app, token, url, 'xml')).body,
    '<?xml version="1.0" encoding="utf-8"?><QueryResult xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://www.veeam.com/ent/v1.0">' +
      '<Entities><BackupJobSessions /></Entities><PagingInfo PageNum="1" PageSize="100" PagesCount="1"><Links>' +
      `<Link Href="http://${HOST}${links}" Rel="First" /><Link Href="http://${HOST}${links}" Rel="Last" />` +
      '</Links></PagingInfo></QueryResult>',
  );
  const href = `http://${HOST}${links.replaceAll('&amp;', '&')}`;
  t.equal(
    (await get(app, token, url, 'json')).body,
    `{"Refs":null,"Entities":${entitiesJson('BackupJobSessions', '{"BackupJobSessions":[]}')},"Resources":null,"Links":null,` +
      `"PagingInfo":{"Links":[{"Rel":"First","Href":"${href}","Name":null,"Type":null},{"Rel":"Last","Href":"${href}","Name":null,"Type":null}],"PageNum":1,"PageSize":100,"PagesCount":1}}`,
  );
  const refs = (await get(app, token, '/api/query?type=backupserver&filter=Name==nothing', 'json')).body;
  t.match(
    refs,
    /^\{"Refs":\{"Refs":\[\]\},"Entities":null,"Resources":null,"Links":null,"PagingInfo":\{/,
    'references: Refs set, the rest null',
  );
});

/** The query types of the docs' "Type Parameter" page (EM 13.0.1 docs, query_type.md), and /querySvc's ExternalRepository. */
const DOCUMENTED_TYPES =
  'AgentBackupJob AgentProtectionGroup AgentRestorePoint Backup BackupFile BackupJobSession BackupServer BackupTaskSession ' +
  'CdpPolicy CdpReplica CdpReplicaSession CdpReplicaTaskSession CloudGateway CloudGatewayPool CloudTenant CloudFailoverPlan ' +
  'CloudFailoverSession CloudHardwarePlan CloudPublicIpAddress CloudReplica CloudSubtenant CloudVmReplicaPoint Credentials ' +
  'DiscoveredComputer FailoverPlan FileServer HierarchyRoot Job ManagedServer NasJob NasObject ObjectInJob Passwords Replica ' +
  'ReplicaJobSession ReplicaTaskSession Repository RestorePoint RestoreSession Task vAppReplicaPoint vAppRestorePoint ' +
  'VCloudOrganizationConfig VlanConfiguration VmReplicaPoint VmRestorePoint VsphereSelfServiceConfig WanAccelerator ExternalRepository';

t.test(
  'every documented query type answers, in both formats; those the mock holds nothing of answer empty',
  async (t) => {
    for (const type of DOCUMENTED_TYPES.split(' ')) {
      for (const format of ['References', 'Entities']) {
        for (const fmt of ['xml', 'json'] as Fmt[]) {
          const res = await get(app, token, `/api/query?type=${type}&format=${format}&sortAsc=Name&pageSize=2`, fmt);
          t.equal(res.statusCode, 200, `${type} ${format} ${fmt}`);
        }
      }
    }
    // A real EM without the feature answers an empty page; the grammar of a filter is still checked.
    const page = (q: string) =>
      `"PagingInfo":{"Links":[{"Rel":"First","Href":"http://${HOST}/api/query?${q}","Name":null,"Type":null},{"Rel":"Last","Href":"http://${HOST}/api/query?${q}","Name":null,"Type":null}],"PageNum":1,"PageSize":100,"PagesCount":1}`;
    const xmlPage = (q: string) =>
      `<PagingInfo PageNum="1" PageSize="100" PagesCount="1"><Links><Link Href="http://${HOST}/api/query?${q}" Rel="First" /><Link Href="http://${HOST}/api/query?${q}" Rel="Last" /></Links></PagingInfo></QueryResult>`;
    const head =
      '<?xml version="1.0" encoding="utf-8"?><QueryResult xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://www.veeam.com/ent/v1.0">';
    const cases: [url: string, links: string, xml: string, json: string][] = [
      [
        '/api/query?type=ManagedServer&format=Entities&filter=Name==x',
        'filter=Name%3d%3dx&format=Entities&type=ManagedServer&pageSize=100&page=1',
        '<Entities><ManagedServers /></Entities>',
        `{"Refs":null,"Entities":${entitiesJson('ManagedServers', '{"ManagedServers":[]}')},"Resources":null,"Links":null,`,
      ],
      [
        '/api/query?type=fileserver',
        'type=fileserver&pageSize=100&page=1',
        '<Refs />',
        '{"Refs":{"Refs":[]},"Entities":null,"Resources":null,"Links":null,',
      ],
      // Non-entity types answer in Resources; ObjectInJob's wrapper is spelled as a real 9.5 EM spells it.
      [
        '/api/query?type=ObjectInJob&format=Entities',
        'format=Entities&type=ObjectInJob&pageSize=100&page=1',
        '<Resources><sInObjectJob /></Resources>',
        '{"Refs":null,"Entities":null,"Resources":{"sInObjectJob":{"sInObjectJob":[]}},"Links":null,',
      ],
    ];
    for (const [url, q, xml, json] of cases) {
      t.equal(
        (await get(app, token, url, 'xml')).body,
        head + xml + xmlPage(q.replaceAll('&', '&amp;')),
        `${url} (xml)`,
      );
      t.equal((await get(app, token, url, 'json')).body, `${json}${page(q)}}`, `${url} (json)`);
    }
  },
);

t.test('type and format are case-insensitive; unknown parameters are ignored', async (t) => {
  const all = await uids('/api/query?type=RestoreSession');
  t.equal(all.length, 40, 'not capped by the 30-day window of /restoreSessions');
  const listed = JSON.parse((await get(app, token, '/api/restoreSessions', 'json')).body).Refs.length;
  t.ok(listed < all.length, 'the dataset holds sessions older than 30 days');
  t.same(await uids('/api/query?TYPE=restoresession&Format=REFERENCES&v=latest&foo=bar'), all);
  for (const f of ['Entities', 'entities', 'ENTITIES', 'Entity', 'entity']) {
    const body = await json(`/api/query?type=restoreSession&format=${f}`);
    t.same(
      body.Entities.RestoreSessions.RestoreSessions.map((e: Json) => e.UID),
      all,
      `format=${f}`,
    );
  }
  t.same(Object.keys(await json('/api/query?type=VmRestorePoint&format=entities&pageSize=1')), [
    'Refs',
    'Entities',
    'Resources',
    'Links',
    'PagingInfo',
  ]);
  const members = (await json('/api/query?type=VmRestorePoint&format=entities&pageSize=1')).Entities;
  t.same(Object.keys(members).join(','), CAPTURED_MEMBERS);
  t.same(
    Object.keys(members).filter((m) => members[m] !== null),
    ['VmRestorePoints'],
  );
  t.same(Object.keys((await json('/api/query?type=BackupServer&format=entities')).Entities.BackupServers), [
    'BackupServers',
  ]);
});

/** Every session, as entities, for computing expectations independently of the engine. */
const sessions: Json[] = (await json('/api/query?type=RestoreSession&format=Entities')).Entities.RestoreSessions
  .RestoreSessions;
const ids = (list: Json[]) => list.map((e) => e.UID);
const when = (s: string) => Date.parse(s);

t.test('the filter strings published clients send, adapted to restore sessions', async (t) => {
  const day = '2026-11-01';
  const server = sessions[0]!.Links[0];
  const cases: [string, (s: Json) => boolean][] = [
    ['Type==RestoreVm,Type==FileLevelRestore', () => true],
    [
      'Type==RestoreVm,Type==FileLevelRestore;Result==Failed',
      (s) => s.JobType === 'RestoreVm' || (s.JobType === 'FileLevelRestore' && s.Result === 'Failed'),
    ],
    [`Name=="${sessions[5]!.Name}";Result==${sessions[5]!.Result}`, (s) => s.Name === sessions[5]!.Name],
    [`VmDisplayName==${sessions[7]!.VmDisplayName}`, (s) => s.VmDisplayName === sessions[7]!.VmDisplayName],
    [`CreationTime>=${day}T07:11:12`, (s) => when(s.CreationTimeUTC) >= when(`${day}T07:11:12Z`)],
    [`creationtime>"${day}T07:19:37Z"`, (s) => when(s.CreationTimeUTC) > when(`${day}T07:19:37Z`)],
    [`creationtime>${day}`, (s) => when(s.CreationTimeUTC) > when(day)],
    [
      `backupservername=="${server.Name}";(result=="Success",result=="Warning");creationtime>"${day}T00:00:00Z"`,
      (s) =>
        s.Links[0].Name === server.Name &&
        ['Success', 'Warning'].includes(s.Result) &&
        when(s.CreationTimeUTC) > when(day),
    ],
    [
      `BackupServerUid=="urn:veeam:BackupServer:${server.Href.split('/').pop()}"`,
      (s) => s.Links[0].Href === server.Href,
    ],
    [`UID==${sessions[3]!.UID.toUpperCase()}`, (s) => s.UID === sessions[3]!.UID],
    ['Result>Success', (s) => s.Result === 'Warning' || s.Result === 'Failed'],
    ['Result<=Success', (s) => s.Result === 'Success' || s.Result === 'None'],
    ['State==Working', (s) => s.State === 'Working'],
    ['state!=working;endtime>2026-01-01', (s) => s.State === 'Stopped'],
    ['EndTime!=2000-01-01', () => true],
  ];
  for (const [filter, expect] of cases) {
    const want = ids(sessions.filter(expect));
    const encoded = encodeURIComponent(filter);
    t.same(await uids(`/api/query?type=RestoreSession&filter=${encoded}`), want, filter);
    // Sent raw as clients do (`;`, `=`, `"` unescaped), with `+` for spaces.
    const raw = filter.replaceAll(' ', '+');
    t.same(await uids(`/api/query?type=RestoreSession&filter=${raw}`), want, `${filter} (raw)`);
    t.same(await xmlUids(`/api/query?type=RestoreSession&filter=${encoded}`), want, `${filter} (XML)`);
  }
  t.ok(
    sessions.some((s) => s.State === 'Working'),
    'running sessions exist',
  );
  t.ok(sessions.filter((s) => s.Result === 'Failed').length > 0);
});

t.test('+ and %20 are spaces, encodings of = " > , ; are decoded', async (t) => {
  const name = sessions.find((s) => s.JobType === 'FileLevelRestore')!.Name as string; // FLR_[vm]@2026-… hh:mm:ss
  const want = ids(sessions.filter((s) => s.Name === name));
  t.equal(want.length, 1);
  const spaced = name.replace(' ', '+');
  t.same(await uids(`/api/query?type=RestoreSession&filter=Name=="${spaced}"`), want);
  t.same(await uids(`/api/query?type=RestoreSession&filter=Name%3D%3D%22${name.replace(' ', '%20')}%22`), want);
  t.same(
    await uids(`/api/query?type=RestoreSession&filter=Name==${encodeURIComponent(name)}`),
    want,
    'bare, with brackets and @',
  );
  t.same(
    await uids(
      '/api/query?type=RestoreSession&filter=Result%3D%3DFailed%2CResult%3D%3DWarning%3BCreationTime%3E2026-11-01',
    ),
    ids(
      sessions.filter(
        (s) => s.Result === 'Failed' || (s.Result === 'Warning' && when(s.CreationTimeUTC) > when('2026-11-01')),
      ),
    ),
  );
});

/** Expected order of a sort, computed from entity values with UID tie-breaks. */
function expectedOrder(items: Json[], key: (e: Json) => string | number | undefined, desc: boolean): string[] {
  const norm = (v: string | number | undefined) => (typeof v === 'string' ? v.toLowerCase() : v);
  return [...items]
    .sort((a, b) => {
      const ka = norm(key(a));
      const kb = norm(key(b));
      let c = ka === kb ? 0 : ka === undefined ? -1 : kb === undefined ? 1 : ka < kb ? -1 : 1;
      if (desc) c = -c;
      return c || (a.UID < b.UID ? -1 : a.UID > b.UID ? 1 : 0);
    })
    .map((e) => e.UID);
}

const link = (e: Json, type: string) => e.Links.find((l: Json) => l.Type === type);
const guidOf = (href: string) => href.split('/').pop()!;
const order = (values: string[]) => (v: string) => values.indexOf(v);

t.test('sorting on every field in both directions, ties by UID', async (t) => {
  const points = (await json('/api/query?type=VmRestorePoint&format=Entities')).Entities.VmRestorePoints
    .VmRestorePoints as Json[];
  const servers = (await json('/api/query?type=BackupServer&format=Entities')).Entities.BackupServers
    .BackupServers as Json[];
  const byType: Record<string, [Json[], Record<string, (e: Json) => string | number | undefined>]> = {
    RestoreSession: [
      sessions,
      {
        UID: (e) => e.UID,
        Name: (e) => e.Name,
        Type: (e) => order(['FileLevelRestore', 'RestoreVm'])(e.JobType),
        CreationTime: (e) => when(e.CreationTimeUTC),
        EndTime: (e) => (e.EndTimeUTC ? when(e.EndTimeUTC) : undefined),
        State: (e) => order(['Stopped', 'Starting', 'Stopping', 'Working'])(e.State),
        Result: (e) => order(['None', 'Success', 'Warning', 'Failed'])(e.Result),
        BackupServerUid: (e) => `urn:veeam:BackupServer:${guidOf(e.Links[0].Href)}`,
        BackupServerName: (e) => e.Links[0].Name,
        VmDisplayName: (e) => e.VmDisplayName,
      },
    ],
    VmRestorePoint: [
      points,
      {
        UID: (e) => e.UID,
        Name: (e) => e.Name,
        CreationTime: (e) => when(e.CreationTimeUTC),
        Type: (e) => order(['Full', 'Increment', 'ReverseIncrement'])(e.PointType),
        Algorithm: (e) => order(['Full', 'ReversedIncremental', 'Incremental', 'SyntheticFull'])(e.Algorithm),
        RestorePointId: (e) => `urn:veeam:RestorePoint:${guidOf(link(e, 'RestorePointReference').Href)}`,
        RestorePointName: (e) => link(e, 'RestorePointReference').Name,
        VmDisplayName: (e) => e.VmDisplayName,
        BackupServerUid: (e) => `urn:veeam:BackupServer:${guidOf(link(e, 'BackupServerReference').Href)}`,
        BackupServerName: (e) => link(e, 'BackupServerReference').Name,
      },
    ],
    BackupServer: [
      servers,
      {
        UID: (e) => e.UID,
        Name: (e) => e.Name,
        Description: (e) => e.Description,
        IpOrDnsName: (e) => e.Name,
        Port: (e) => e.Port,
        Version: (e) => e.Version,
      },
    ],
  };
  for (const [type, [items, keys]] of Object.entries(byType)) {
    for (const [field, key] of Object.entries(keys)) {
      for (const desc of [false, true]) {
        const param = `${desc ? 'sortDesc' : 'sortAsc'}=${field.toLowerCase()}`;
        // Two pages of 250 (the first and third) keep thousands of restore points quick to check.
        const want = expectedOrder(items, key, desc);
        for (const page of [1, 3]) {
          const got = await uids(`/api/query?type=${type}&${param}&pageSize=250&page=${page}`);
          t.equal(got.join(' '), want.slice((page - 1) * 250, page * 250).join(' '), `${type} ${param} page ${page}`);
        }
      }
    }
  }
  t.ok(points.length > 1000, 'restore points are numerous enough for ties in enums');
});

t.test('paging: pages tile the result; links and counts in both formats', async (t) => {
  const sorted = expectedOrder(sessions, (e) => e.Name, true);
  const pages: string[] = [];
  for (let p = 1; p <= 5; p++) {
    const body = await json(`/api/query?type=RestoreSession&sortDesc=Name&pageSize=9&page=${p}`);
    t.same(
      { PageNum: body.PagingInfo.PageNum, PageSize: body.PagingInfo.PageSize, PagesCount: body.PagingInfo.PagesCount },
      { PageNum: p, PageSize: 9, PagesCount: 5 },
    );
    const rels = body.PagingInfo.Links.map((l: Json) => `${l.Rel}:${new URL(l.Href).searchParams.get('page')}`);
    const want = ['First:1', ...(p > 1 ? [`Previous:${p - 1}`] : []), ...(p < 5 ? [`Next:${p + 1}`] : []), 'Last:5'];
    t.same(rels, want, `links of page ${p}`);
    pages.push(...body.Refs.Refs.map((r: Json) => r.UID));
  }
  t.same(pages, sorted);

  const past = await json('/api/query?type=RestoreSession&pageSize=9&page=8');
  t.same(past.Refs.Refs, [], 'a page past the end is empty');
  t.same(
    past.PagingInfo.Links.map((l: Json) => `${l.Rel}:${new URL(l.Href).searchParams.get('page')}`),
    ['First:1', 'Previous:5', 'Last:5'],
  );
  t.equal(past.PagingInfo.PageNum, 8);

  const xml = (await get(app, token, '/api/query?type=RestoreSession&pageSize=9&page=2&v=latest', 'xml')).body;
  t.match(
    xml,
    `<PagingInfo PageNum="2" PageSize="9" PagesCount="5"><Links><Link Href="http://${HOST}/api/query?type=RestoreSession&amp;v=latest&amp;pageSize=9&amp;page=1" Rel="First" />`,
  );

  const points = await json('/api/query?type=VmRestorePoint');
  t.equal(points.PagingInfo.PageSize, points.Refs.Refs.length, 'unpaged: one page as large as the result');
  t.ok(points.PagingInfo.PageSize > 100);
  t.equal(points.PagingInfo.PagesCount, 1);
  t.equal(
    (await json('/api/query?type=VmRestorePoint&page=2')).Refs.Refs.length,
    0,
    'page 2 of an unpaged query is empty',
  );
  t.equal(
    (await json('/api/query?type=BackupServer&pageSize=2')).PagingInfo.Links.at(-1).Href,
    `http://${HOST}/api/query?type=BackupServer&pageSize=2&page=2`,
  );
});

t.test('the same filter gives the same results in XML and JSON', async (t) => {
  for (const q of [
    'type=RestoreSession&filter=Result!=Success&sortAsc=VmDisplayName',
    'type=VmRestorePoint&filter=Algorithm==Full;CreationTime>2026-10-01&sortDesc=Name&pageSize=7&page=2',
    'type=BackupServer&filter=Port==9392,Version=="12.1.1.56"',
  ]) {
    const j = await uids(`/api/query?${q}`);
    t.ok(j.length > 0, q);
    t.same(await xmlUids(`/api/query?${q}`), j, q);
  }
});

t.test('running sessions finish as the clock moves', async (t) => {
  const own = await build();
  t.teardown(() => own.app.close());
  const ask = async (tok: string, filter: string) =>
    JSON.parse((await get(own.app, tok, `/api/query?type=RestoreSession&filter=${filter}`, 'json')).body).Refs.Refs
      .length;
  const before = await logon(own.app);
  t.equal(await ask(before, 'State==Working'), 3);
  t.equal(await ask(before, 'Result==None'), 3);
  t.equal(await ask(before, 'EndTime>2000-01-01'), 37, 'a running session has no end time');
  own.real.now += 7 * 3_600_000;
  const after = await logon(own.app);
  t.equal(await ask(after, 'State==Working'), 0);
  t.equal(await ask(after, 'Result==None'), 0);
  t.equal(await ask(after, 'EndTime>2000-01-01'), 40);
});

t.test('bad input: 400 in the Error shape, in both formats, naming the problem', async (t) => {
  const cases: [string, string][] = [
    ['', 'Query parameter type is required'],
    ['type=', 'Query parameter type is required'],
    [
      'type=Replicas',
      'Unknown query type "Replicas". Supported: AgentBackupJob, AgentProtectionGroup, AgentRestorePoint, Backup, BackupFile,',
    ],
    ['type=Replica&filter=Name==', 'Invalid filter at position 7: missing value'],
    ['type=RestoreSession&format=Full', 'Query parameter format must be References or Entities; got "Full".'],
    [
      'type=RestoreSession&filter=Colour==red',
      'Invalid filter at position 1: unknown field "Colour" for type RestoreSession',
    ],
    ['type=RestoreSession&filter=Name=x', 'Invalid filter at position 5: bad operator "="'],
    ['type=RestoreSession&filter=Name=~x', 'Invalid filter at position 5: bad operator "=~"'],
    ['type=RestoreSession&filter=(Result==Failed', 'Invalid filter at position 1: unbalanced parentheses'],
    ['type=RestoreSession&filter=Result==Failed)', 'Invalid filter at position 15: unbalanced parentheses'],
    ['type=RestoreSession&filter=Name=="abc', 'Invalid filter at position 7: unterminated quoted value'],
    [
      'type=RestoreSession&filter=CreationTime>yesterday',
      'Invalid filter at position 14: CreationTime is a date; "yesterday" is not a UTC date',
    ],
    ['type=RestoreSession&filter=EndTime<2026-02-30', 'Invalid filter at position 9: EndTime is a date'],
    [
      'type=RestoreSession&filter=Result==Great',
      'Invalid filter at position 9: Result has no value "Great"; its values are None, Success, Warning, Failed',
    ],
    ['type=RestoreSession&filter=State==Done', 'State has no value "Done"'],
    ['type=BackupServer&filter=Port>high', 'Invalid filter at position 6: Port is a number; "high" is not'],
    ['type=RestoreSession&pageSize=0', 'Query parameter pageSize must be 1 or more; got 0.'],
    ['type=RestoreSession&page=-1', 'Query parameter page must be 1 or more; got -1.'],
    ['type=RestoreSession&page=0', 'Query parameter page must be 1 or more; got 0.'],
    ['type=RestoreSession&pageSize=ten', 'Query parameter pageSize must be a whole number; "ten" is not.'],
    ['type=RestoreSession&page=1.5', 'Query parameter page must be a whole number'],
    ['type=RestoreSession&pageSize=', 'Query parameter pageSize must be a whole number'],
    ['type=RestoreSession&pageSize=99999999999', 'Query parameter pageSize must be at most 2147483647'],
    [
      'type=RestoreSession&sortAsc=Colour',
      'Cannot sort RestoreSession by "Colour"; its fields are UID, Name, Type, CreationTime, EndTime',
    ],
    ['type=RestoreSession&sortAsc=Name&sortDesc=Name', 'Use either sortAsc or sortDesc, not both.'],
    [
      `type=RestoreSession&filter=${'Name==x;'.repeat(12_800)}Name==x`,
      'The filter is 102407 characters long; at most 16384 are accepted.',
    ],
    [
      `type=RestoreSession&filter=${'('.repeat(70)}Name==x${')'.repeat(70)}`,
      'Invalid filter at position 65: parentheses nested deeper than 64 levels',
    ],
  ];
  for (const [query, message] of cases) {
    for (const fmt of ['xml', 'json'] as Fmt[]) {
      const res = await get(app, token, `/api/query?${query}`, fmt);
      t.equal(res.statusCode, 400, `${query.slice(0, 80)} (${fmt})`);
      if (fmt === 'json') {
        const body = JSON.parse(res.body);
        t.same(Object.keys(body), ['FirstChanceExceptionMessage', 'Message', 'StackTrace', 'Status', 'StatusCode']);
        t.equal(body.StatusCode, 400);
        t.ok((body.Message as string).includes(message), `${body.Message} includes ${message}`);
      } else {
        t.match(res.body, /^<\?xml version="1.0" encoding="utf-8"\?><Error /);
        t.match(res.body, 'StatusCode="400"');
      }
    }
  }
});

t.test('authentication, methods and the logon session link', async (t) => {
  const anon = await app.inject({ method: 'GET', url: '/api/query?type=RestoreSession', headers: { host: HOST } });
  t.equal(anon.statusCode, 401);
  const anonSvc = await app.inject({ method: 'GET', url: '/api/querySvc', headers: { host: HOST } });
  t.equal(anonSvc.statusCode, 401);
  const post = await app.inject({
    method: 'POST',
    url: '/api/query?type=RestoreSession',
    headers: { host: HOST, 'x-restsvcsessionid': token },
  });
  t.equal(post.statusCode, 405);
  const session = await json('/api/logonSessions');
  t.same(
    session.LogonSessions[0].Links.filter((l: Json) => l.Type === 'QueryService'),
    [{ Rel: 'Down', Href: `http://${HOST}/api/querySvc`, Name: null, Type: 'QueryService' }],
  );
  const svc = await json('/api/QUERYSVC/');
  t.equal(svc.Links[0].Href, `http://${HOST}/api/logonSessions/${session.LogonSessions[0].SessionId}`);
  for (const l of svc.Links.slice(1))
    t.equal((await get(app, token, new URL(l.Href).pathname + new URL(l.Href).search, 'json')).statusCode, 200, l.Href);
});
