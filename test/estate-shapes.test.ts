import t from 'tap';
import { build, logon, get, BASE, type Fmt } from './helper.js';
import type { Job } from '../data/model.js';
import { backupPointOf } from '../data/agentBackups.js';

/**
 * Jobs, backups, NAS and agent shapes (issue 10) against the docs' samples: link sets and order,
 * element order and JSON keys, each case naming the sample it follows. Whole bodies of every
 * endpoint are also pinned in tap-snapshots/test/environment.test.ts.test.cjs.
 */
const { app } = await build();
t.teardown(() => app.close());
const token = await logon(app);
const s = app.store;
const body = async (url: string, fmt: Fmt) => {
  const res = await get(app, token, url, fmt);
  t.equal(res.statusCode, 200, `${fmt} ${url}`);
  return res.body.replaceAll(BASE, '');
};
type Json = Record<string, any>;
const json = async (url: string) => JSON.parse(await body(url, 'json')) as Json;
/** `Rel Type` of each link, XML attribute order and JSON key order checked by the callers. */
const xmlLinks = (xml: string, within = xml) =>
  [...within.slice(0, within.indexOf('</Links>')).matchAll(/<Link [^>]*?(?:Type="([^"]+)" )?Rel="([^"]+)" \/>/g)].map(
    (m) => `${m[2]} ${m[1] ?? '-'}`,
  );
const jsonLinks = (links: Json[]) => links.map((l) => `${l.Rel} ${l.Type ?? '-'}`);
const byType = (type: Job['jobType']) => s.jobs.all().find((j) => j.jobType === type)!;

t.test('job entity: links and members as the 12.x backup job sample (jobs_id, "DB Backup")', async (t) => {
  const job = byType('Backup');
  const url = `/api/jobs/${job.id}?format=Entity`;
  const expected = [
    'Up BackupServerReference',
    'Alternate JobReference',
    'Edit JobReference',
    'Clone -',
    'ToggleScheduleEnabled -',
    'Down ObjectInJobList',
    'Down BackupJobSessionReferenceList',
    'Create ObjectInJob',
    'Start -',
    'Stop -',
    'Retry -',
  ];
  const xml = await body(url, 'xml');
  t.same(xmlLinks(xml), expected, 'XML links');
  t.match(
    xml,
    `<Link Href="/api/jobs/${job.id}" Name="${job.name}" Type="JobReference" Rel="Edit" />`,
    'Edit is the reference Href',
  );
  const order = [
    'JobType',
    'Platform',
    'Description',
    'ScheduleConfigured',
    'ScheduleEnabled',
    'NextRun',
    'JobScheduleOptions',
    'JobInfo',
  ];
  const positions = order.map((e) => xml.indexOf(`<${e}>`));
  t.same(
    [...positions].sort((a, b) => a - b),
    positions,
    'XML elements in the sample order',
  );
  t.match(
    xml,
    '<JobScheduleOptions><Standart><RetryOptions><RetryTimes>3</RetryTimes><RetryTimeout>10</RetryTimeout><RetrySpecified>true</RetrySpecified></RetryOptions>',
    'Standart (sic)',
  );
  t.match(xml, '<OptionsDaily Enabled="true"><Kind>Everyday</Kind><Time>', 'the daily schedule drives it');
  t.match(xml, '<JobInfo><BackupJobInfo><Includes><ObjectInJob Href="/api/jobs/', 'JobInfo → BackupJobInfo → Includes');
  t.match(
    xml,
    '<SimpleRetentionPolicy><RetainCycles>100</RetainCycles><RetainDaysToKeep>100</RetainDaysToKeep><RetainLimitType>Days</RetainLimitType></SimpleRetentionPolicy></BackupJobInfo></JobInfo></Job>',
  );
  const j = await json(url);
  t.same(Object.keys(j), [...order, 'Name', 'UID', 'Links', 'Href', 'Type'], 'JSON keys');
  t.same(jsonLinks(j.Links), expected, 'JSON links');
  t.same(Object.keys(j.JobScheduleOptions.Standart), [
    'RetryOptions',
    'WaitForBackupCompletion',
    'BackupCompetitionWaitingPeriodMin',
    'OptionsDaily',
    'OptionsPeriodically',
  ]);
  t.same(j.JobScheduleOptions.Standart.OptionsDaily, {
    Kind: 'Everyday',
    Time: '20:00:00.0000000+00:00',
    TimeOffsetUtc: 0,
    Enabled: true,
  });
  t.same(Object.keys(j.JobInfo.BackupJobInfo), ['Includes', 'SimpleRetentionPolicy']);
  t.same(
    Object.keys(j.JobInfo.BackupJobInfo.Includes.ObjectInJobs[0]),
    ['ObjectInJobId', 'HierarchyObjRef', 'Name', 'DisplayName', 'Href', 'Type'],
    'no Links inside JobInfo',
  );
  t.equal(j.JobInfo.BackupJobInfo.Includes.ObjectInJobs.length, job.vms.length);
});

t.test(
  'job references: Down to their sessions (docs scenario "Starting a job": replica jobs → replicaSessions)',
  async (t) => {
    for (const [type, down] of [
      ['Backup', 'Down BackupJobSessionReferenceList'],
      ['Replica', 'Down ReplicaJobSessionReferenceList'],
    ] as const) {
      const job = byType(type);
      const xml = await body(`/api/jobs/${job.id}`, 'xml');
      const expected = ['Up BackupServerReference', 'Alternate Job', down];
      t.same(xmlLinks(xml), expected, `${type} XML`);
      t.same(jsonLinks((await json(`/api/jobs/${job.id}`)).Links), expected, `${type} JSON`);
      const sub = type === 'Replica' ? 'replicaSessions' : 'backupSessions';
      t.match(xml, `<Link Href="/api/jobs/${job.id}/${sub}" Type="${down.slice(5)}" Rel="Down" />`);
      const refs = (await json(`/api/jobs/${job.id}/${sub}`)).Refs as Json[];
      const own = (type === 'Replica' ? s.replicaSessions : s.backupSessions)
        .all()
        .filter((x) => x.job === job && x.creationTime <= Date.now() + 1e12);
      t.ok(refs.length > 0 && refs.length <= own.length, `${type}: the link lists the job's sessions`);
      t.ok(
        refs.every((r) => r.Links[1].Href === `/api/jobs/${job.id}`),
        `${type}: each names the job Up`,
      );
    }
  },
);

t.test('backup copy job: the 13.x periodic backup copy sample (jobs_id example 3)', async (t) => {
  const job = byType('BackupCopy');
  const url = `/api/jobs/${job.id}?format=Entity`;
  const expected = [
    'Up BackupServerReference',
    'Alternate JobReference',
    'Clone -',
    'ToggleScheduleEnabled -',
    'Down BackupJobSessionReferenceList',
    'Sync -',
    'Down LinkedJobObjectList',
    'Down LinkedBackupRepositoryObjectList',
    'Create LinkedJobObject',
    'Create LinkedBackupRepositoryObject',
  ];
  const xml = await body(url, 'xml');
  t.same(xmlLinks(xml), expected);
  t.match(xml, `<JobInfo><ImmediateBackupCopyJobInfo><LinkedJobIncludes><LinkedJobObject><ObjectInJobId>`);
  t.match(
    xml,
    `<LinkedJobUid>urn:veeam:Job:${job.source!.id}</LinkedJobUid></LinkedJobObject></LinkedJobIncludes><LinkedBackupIncludes /><LinkedBackupRepositoryIncludes /></ImmediateBackupCopyJobInfo></JobInfo></Job>`,
  );
  const j = await json(url);
  t.same(jsonLinks(j.Links), expected);
  t.same(
    j.JobInfo.ImmediateBackupCopyJobInfo.LinkedJobIncludes.LinkedJobObjects.map((o: Json) => o.LinkedJobUid),
    [`urn:veeam:Job:${job.source!.id}`],
  );
  t.same(j.JobInfo.ImmediateBackupCopyJobInfo.LinkedBackupIncludes, { LinkedBackupObjects: [] });
});

t.test(
  "linkedJobs: the copy job's source at its own Href, the same id as its JobInfo (docs jobs_id_linked_jobs)",
  async (t) => {
    const job = byType('BackupCopy');
    const info = (await json(`/api/jobs/${job.id}?format=Entity`)).JobInfo.ImmediateBackupCopyJobInfo.LinkedJobIncludes
      .LinkedJobObjects[0] as Json;
    const list = await json(`/api/jobs/${job.id}/linkedJobs`);
    const item = list.LinkedJobObjects[0] as Json;
    t.equal(item.ObjectInJobId, info.ObjectInJobId, 'the id JobInfo shows');
    t.equal(item.Href, `/api/jobs/${job.id}/linkedJobs/${info.ObjectInJobId}`);
    t.same(await json(item.Href), item, 'the item at its own Href');
    t.same(
      await json(`/api/jobs/${byType('Backup').id}/linkedJobs`),
      { LinkedJobObjects: [] },
      'a backup job links no job',
    );
    for (const [bad, message] of [
      [
        '00000000-0000-4000-8000-000000000000',
        `The job ${job.id} links no job object 00000000-0000-4000-8000-000000000000.`,
      ],
      ['nope', 'The linked job object id "nope" is neither a GUID nor a LinkedJobObject UID.'],
    ] as const) {
      const res = await get(app, token, `/api/jobs/${job.id}/linkedJobs/${bad}`, 'json');
      t.equal(res.statusCode, 404);
      t.equal(JSON.parse(res.body).Message, message);
    }
    const missing = await get(
      app,
      token,
      '/api/jobs/00000000-0000-4000-8000-000000000000/linkedBackupRepositories',
      'xml',
    );
    t.equal(missing.statusCode, 404, 'an unknown job has no linked repositories');
  },
);

t.test('includes: ObjectsInJob, JSON ObjectInJobs (the key public scripts read), each item at its Href', async (t) => {
  const job = byType('Backup');
  const vm = job.vms[0]!;
  const ref = `urn:${vm.root.platform}:Vm:${vm.root.id}.${vm.objectRef}`;
  const list = await json(`/api/jobs/${job.id}/includes`);
  t.same(Object.keys(list), ['ObjectInJobs']);
  const first = list.ObjectInJobs[0] as Json;
  const id = first.ObjectInJobId as string;
  const item = `/api/jobs/${job.id}/includes/${id}`;
  const expectedJson = {
    ObjectInJobId: id,
    HierarchyObjRef: ref,
    Name: vm.name,
    DisplayName: vm.name,
    Links: [{ Rel: 'Up', Href: `/api/jobs/${job.id}?format=Entity`, Name: job.name, Type: 'Job' }],
    Href: item,
    Type: 'ObjectInJob',
  };
  t.same(first, expectedJson);
  t.same(await json(item), expectedJson, 'the item at its own Href');
  const xmlItem =
    `<ObjectInJob Href="${item}" Type="ObjectInJob"><Links><Link Href="/api/jobs/${job.id}?format=Entity" Name="${job.name}" Type="Job" Rel="Up" /></Links>` +
    `<ObjectInJobId>${id}</ObjectInJobId><HierarchyObjRef>${ref}</HierarchyObjRef><Name>${vm.name}</Name><DisplayName>${vm.name}</DisplayName></ObjectInJob>`;
  const xml = await body(`/api/jobs/${job.id}/includes`, 'xml');
  t.ok(
    xml.startsWith(
      `<?xml version="1.0" encoding="utf-8"?><ObjectsInJob xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://www.veeam.com/ent/v1.0">${xmlItem}`,
    ),
  );
  const one = await body(item, 'xml');
  t.match(
    one,
    `<ObjectInJob xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" Href="${item}" Type="ObjectInJob" xmlns="http://www.veeam.com/ent/v1.0"><Links>`,
  );
  for (const [bad, status, message] of [
    [
      '00000000-0000-4000-8000-000000000000',
      404,
      `The job ${job.id} includes no object 00000000-0000-4000-8000-000000000000.`,
    ],
    ['nope', 404, 'The object in job id "nope" is neither a GUID nor a ObjectInJob UID.'],
  ] as const) {
    const res = await get(app, token, `/api/jobs/${job.id}/includes/${bad}`, 'json');
    t.equal(res.statusCode, status);
    t.equal(JSON.parse(res.body).Message, message);
  }
});

t.test('backup entity: BackupType and the documented links (GET /backups/{ID})', async (t) => {
  const backup = s.backups.all()[0]!;
  const url = `/api/backups/${backup.id}?format=Entity`;
  const expected = [
    'Up RepositoryReference',
    'Up BackupServerReference',
    'Alternate BackupReference',
    'Down RestorePointReferenceList',
    'Down BackupFileReferenceList',
  ];
  const xml = await body(url, 'xml');
  t.same(xmlLinks(xml), expected);
  t.match(xml, `</Links><Platform>${backup.platform}</Platform><BackupType>Standard</BackupType></Backup>`);
  const j = await json(url);
  t.same(jsonLinks(j.Links), expected);
  t.same(Object.keys(j).slice(0, 2), ['Platform', 'BackupType']);
  const files = (await json(`/api/backups/${backup.id}/backupFiles`)).Refs as Json[];
  t.same(
    files.map((f) => f.UID).sort(),
    s.backupFiles
      .all()
      .filter((f) => f.backup === backup && f.creationTime <= Date.parse('2026-11-29T12:00:00Z'))
      .map((f) => `urn:veeam:BackupFile:${f.id}`)
      .sort(),
  );
});

t.test(
  'NAS and agent sessions are BackupJobSessions at /backupSessions/{id} (9.5U4 agents/backupSessions sample)',
  async (t) => {
    for (const [session, jobPath, jobType] of [
      [s.nasBackupSessions.all()[0]!, 'nas/jobs', 'NasBackup'],
      [s.agentBackupSessions.all()[0]!, 'agents/jobs', 'AgentBackup'],
    ] as const) {
      const href = `/api/backupSessions/${session.id}`;
      const expected = [
        'Up BackupServerReference',
        'Up JobReference',
        'Alternate BackupJobSession',
        'Down BackupTaskSessionReferenceList',
      ];
      const refXml = await body(href, 'xml');
      t.same(xmlLinks(refXml), expected, `${jobType} reference XML`);
      t.match(refXml, `Href="${href}" Type="BackupJobSessionReference"`);
      t.match(
        refXml,
        `<Link Href="/api/${jobPath}/${session.job.id}" Name="${session.job.name}" Type="JobReference" Rel="Up" />`,
      );
      const entity = await json(`${href}?format=Entity`);
      t.equal(entity.JobType, jobType);
      // The key order of the live EM 12 answer (centreon-plugins restapi.json), FailureMessage null included.
      t.same(Object.keys(entity), [
        'IsRetry',
        'JobUid',
        'JobName',
        'JobType',
        'CreationTimeUTC',
        'EndTimeUTC',
        'State',
        'Result',
        'Progress',
        'FailureMessage',
        'Name',
        'UID',
        'Links',
        'Href',
        'Type',
      ]);
      t.same((await json(`${href}/taskSessions`)).Refs, [], 'their task sessions are not simulated');
      const own = await json(`/api/${jobPath === 'nas/jobs' ? 'nas' : 'agents'}/backupSessions/${session.id}`);
      t.equal(own.Href, href, 'their own list serves them with the same Href');
    }
    const query = await json(`/api/query?type=BackupJobSession&filter=JobType==AgentBackup&pageSize=1`);
    t.equal(
      query.PagingInfo.PagesCount,
      s.agentBackupSessions.all().filter((x) => x.creationTime <= Date.parse('2026-11-29T12:00:00Z')).length,
      'queried by JobType',
    );
  },
);

t.test('file servers: the docs GET /nas/fileServers/{ID} sample', async (t) => {
  const f = s.fileServers.all()[0]!;
  const href = `/api/nas/fileServers/${f.id}`;
  const xml = await body(`${href}?format=Entity`, 'xml');
  t.equal(
    xml,
    `<?xml version="1.0" encoding="utf-8"?><FileServer xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" Href="${href}?format=Entity" Type="FileServer" Name="\\\\fs1.tech.local\\share" UID="urn:veeam:FileServer:${f.id}" xmlns="http://www.veeam.com/ent/v1.0">` +
      `<Links><Link Href="/api/backupServers/${f.backupServer.id}" Name="vbr01.tech.local" Type="BackupServerReference" Rel="Up" /><Link Href="${href}" Name="\\\\fs1.tech.local\\share" Type="FileServerReference" Rel="Alternate" /></Links>` +
      `<ServerType>SmbServer</ServerType><HierarchyObjRef>urn:NasBackup:FileServer:${f.backupServer.id}.${f.id}</HierarchyObjRef>` +
      `<SmbServerOptions><Path>\\\\fs1.tech.local\\share</Path><CredentialsId>${f.credentialsId}</CredentialsId></SmbServerOptions>` +
      `<ProcessingOptions><ServerUid>urn:veeam:FileServer:${f.id}</ServerUid><CacheRepositoryUid>urn:veeam:Repository:${f.cacheRepository.id}</CacheRepositoryUid></ProcessingOptions>` +
      `<NASServerAdvancedOptions><ProcessingMode>Direct</ProcessingMode></NASServerAdvancedOptions></FileServer>`,
  );
  t.same(Object.keys(await json(`${href}?format=Entity`)), [
    'ServerType',
    'HierarchyObjRef',
    'SmbServerOptions',
    'ProcessingOptions',
    'NASServerAdvancedOptions',
    'Name',
    'UID',
    'Links',
    'Href',
    'Type',
  ]);
  t.same(jsonLinks((await json(href)).Links), ['Up BackupServerReference', 'Alternate FileServer']);
  const nas = s.nasJobs.all()[0]!;
  t.equal((await json(`/api/jobs/${nas.id}`)).UID, `urn:veeam:NasJob:${nas.id}`, 'a NAS job answers at /jobs/{id} too');
});

t.test('reports: constant definition GUIDs (docs samples; real 9.5U4 capture) and days newest first', async (t) => {
  const link = (guid: string) => `Workspace/ViewReport.aspx?definition=${guid}&ShowParams=1`;
  t.equal(
    (await json('/api/reports/summary/vms_overview')).ProtectedVmsReportLink,
    link('8a56d84f-1790-4f54-ab20-2e0bfdefa16b'),
  );
  t.equal(
    (await json('/api/reports/summary/job_statistics')).BackupJobStatusReportLink,
    link('7962844d-db6c-4d29-8b6e-4e0f7db0785f'),
  );
  t.equal(
    (await json('/api/reports/summary/repository')).CapacityPlanningReportLink,
    link('62221565-102c-4ec8-851b-d61c03d972d1'),
  );
  t.match(
    await body('/api/reports/summary/repository', 'xml'),
    'CapacityPlanningReportLink="Workspace/ViewReport.aspx?definition=62221565-102c-4ec8-851b-d61c03d972d1&amp;ShowParams=1"',
  );
  const days = (await json('/api/reports/summary/processed_vms')).Days as Json[];
  t.same(
    days.map((d) => d.Timestamp),
    ['29', '28', '27', '26', '25', '24', '23'].map((d) => `2026-11-${d}T00:00:00Z`),
  );
  t.match(
    await body('/api/reports/summary/processed_vms', 'xml'),
    /^[\s\S]*?<ProcessedVmsReportFrame [^>]*><Day Timestamp="2026-11-29T00:00:00Z"/,
  );
});

t.test(
  'agent protection groups: the docs GET /agents/protectionGroups/{ID} sample; computers link Up to theirs',
  async (t) => {
    const g = s.protectionGroups.all()[0]!;
    const href = `/api/agents/protectionGroups/${g.id}`;
    const xml = await body(`${href}?format=Entity`, 'xml');
    t.equal(
      xml,
      `<?xml version="1.0" encoding="utf-8"?><AgentProtectionGroup xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" Href="${href}?format=Entity" Type="AgentProtectionGroup" Name="${g.name}" UID="urn:veeam:AgentProtectionGroup:${g.id}" xmlns="http://www.veeam.com/ent/v1.0">` +
        `<Links><Link Href="/api/backupServers/${g.backupServer.id}" Name="vbr01.tech.local" Type="BackupServerReference" Rel="Up" /><Link Href="${href}" Name="${g.name}" Type="AgentProtectionGroupReference" Rel="Alternate" />` +
        `<Link Href="${href}/discoveredComputers?format=Entity" Type="DiscoveredComputerList" Rel="Down" /></Links>` +
        `<RescanScheduleEnabled>true</RescanScheduleEnabled><HierarchyObjRef>urn:${g.platform}:AgentProtectionGroup:00000000-0000-0000-0000-000000000000.${g.id}</HierarchyObjRef></AgentProtectionGroup>`,
    );
    const j = await json(`${href}?format=Entity`);
    t.same(Object.keys(j), ['RescanScheduleEnabled', 'HierarchyObjRef', 'Name', 'UID', 'Links', 'Href', 'Type']);
    t.same(jsonLinks(j.Links), [
      'Up BackupServerReference',
      'Alternate AgentProtectionGroupReference',
      'Down DiscoveredComputerList',
    ]);
    const computers = (await json(`${href}/discoveredComputers?format=Entity`)).DiscoveredComputers as Json[];
    t.same(
      computers.map((c) => c.Name),
      g.computers.map((c) => c.name),
    );
    // The docs' discovered computer sample: Up server, Alternate, Up protection group.
    t.same(jsonLinks(computers[0]!.Links), [
      'Up BackupServerReference',
      'Alternate DiscoveredComputerReference',
      'Up AgentProtectionGroupReference',
    ]);
    t.equal(computers[0]!.Links[2].Href, href);
  },
);

t.test(
  'backup file ratios: two decimals whose product is about DataSize/BackupSize (13.1 backup sample: 5.71 × 1.52)',
  async (t) => {
    const f = s.backupFiles.all()[0]!;
    const xml = await body(`/api/backupFiles/${f.id}?format=Entity`, 'xml');
    t.match(
      xml,
      `<DeduplicationRatio>${f.deduplicationRatio}</DeduplicationRatio><CompressRatio>${f.compressRatio}</CompressRatio>`,
    );
    const j = await json(`/api/backupFiles/${f.id}?format=Entity`);
    t.same([j.DeduplicationRatio, j.CompressRatio], [f.deduplicationRatio, f.compressRatio]);
    for (const file of s.backupFiles.all()) {
      const ok =
        Number.isInteger(Math.round(file.deduplicationRatio * 100)) &&
        /^\d+(\.\d{1,2})?$/.test(String(file.deduplicationRatio)) &&
        /^\d+(\.\d{1,2})?$/.test(String(file.compressRatio)) &&
        file.compressRatio >= 1 &&
        file.compressRatio <= 2.2 &&
        Math.abs((file.deduplicationRatio * file.compressRatio) / (file.dataSize / file.backupSize) - 1) < 0.05;
      if (!ok) {
        t.fail(
          `${file.name}: ${file.deduplicationRatio} × ${file.compressRatio} vs ${file.dataSize}/${file.backupSize}`,
        );
        return;
      }
    }
    t.pass('every file');
  },
);

t.test(
  'agent restore points: the docs 13.1 GET /agents/agentRestorePoints/{ID} sample (Up server, restore point, backup file)',
  async (t) => {
    const p = s.agentRestorePoints.all()[0]!;
    const { id: rp, backupFile } = backupPointOf(p);
    const ups =
      `<Link Href="/api/restorePoints/${rp}" Name="Aug 31 2026 11:03PM" Type="RestorePointReference" Rel="Up" />` +
      `<Link Href="/api/backupFiles/${backupFile.id}" Name="${backupFile.name}" Type="BackupFileReference" Rel="Up" />`;
    const href = `/api/agents/agentRestorePoints/${p.id}`;
    const name = `${p.computer.name}@${new Date(p.creationTime).toISOString().slice(0, 19).replace('T', ' ')}`;
    const xml = await body(`${href}?format=Entity`, 'xml');
    t.equal(
      xml,
      `<?xml version="1.0" encoding="utf-8"?><AgentRestorePoint xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" Href="${href}?format=Entity" Type="AgentRestorePoint" Name="${name}" UID="urn:veeam:AgentRestorePoint:${p.id}" xmlns="http://www.veeam.com/ent/v1.0">` +
        `<Links><Link Href="/api/backupServers/${p.computer.backupServer.id}" Name="vbr01.tech.local" Type="BackupServerReference" Rel="Up" />${ups}<Link Href="${href}" Name="${name}" Type="AgentRestorePointReference" Rel="Alternate" />` +
        `<Link Href="${href}/mounts" Type="AgentRestorePointMountList" Rel="Down" /><Link Href="${href}/mounts" Type="AgentRestorePointMount" Rel="Create" /></Links>` +
        `<CreationTimeUTC>${new Date(p.creationTime).toISOString().replace(/\.?0*Z$/, 'Z')}</CreationTimeUTC><Algorithm>${p.algorithm}</Algorithm><PointType>${p.pointType}</PointType></AgentRestorePoint>`,
    );
    const j = await json(`${href}?format=Entity`);
    t.same(Object.keys(j), ['CreationTimeUTC', 'Algorithm', 'PointType', 'Name', 'UID', 'Links', 'Href', 'Type']);
    t.same(jsonLinks((await json(href)).Links), [
      'Up BackupServerReference',
      'Up RestorePointReference',
      'Up BackupFileReference',
      'Alternate AgentRestorePoint',
    ]);
    // One point per computer of every agent run that did not fail.
    const now = Date.parse('2026-11-29T12:00:00Z');
    const runs = s.agentBackupSessions.all().filter((x) => x.result !== 'Failed');
    const expected = runs.reduce((n, r) => n + r.job.computers.length, 0);
    t.equal(s.agentRestorePoints.size, expected);
    const listed = (await json('/api/agents/agentRestorePoints')).Refs as Json[];
    t.equal(listed.length, s.agentRestorePoints.all().filter((x) => x.creationTime <= now).length, 'listed once taken');
  },
);
