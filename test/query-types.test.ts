/**
 * The query types beyond restore sessions (issue 6): the filter strings published clients send,
 * checked against an independent computation over the store; the plural names clients read;
 * literal bodies of one small page per type (test/expected/query/<type>-page2.<fmt>).
 */
import t from 'tap';
import { build, logon, get, CLOCK_START, type Fmt } from './helper.js';
import { matchExpected } from './expected.js';
import { isVmSession, type JobRun } from '../data/model.js';
import { agentBackupViews } from '../data/agentBackups.js';

const { app } = await build();
t.teardown(() => app.close());
const token = await logon(app);
const store = app.store;
const now = CLOCK_START;
// Agent jobs' backups, points and files are listed with the VM ones (time-ordered, VM first on a tie).
const agent = agentBackupViews(store);
const byTime = <T extends { creationTime: number }>(...lists: (readonly T[])[]) =>
  lists
    .flat()
    .filter((x) => x.creationTime <= now)
    .sort((a, b) => a.creationTime - b.creationTime);

type Json = Record<string, any>;

async function json(url: string): Promise<Json> {
  const res = await get(app, token, url, 'json');
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return JSON.parse(res.body);
}

/** The UIDs a query returns as references, in JSON and in XML (which must agree). */
async function both(
  t: { same(found: unknown, wanted: unknown, message: string): boolean },
  url: string,
): Promise<string[]> {
  const j = (await json(url)).Refs.Refs.map((r: Json) => r.UID) as string[];
  const x = [...(await get(app, token, url, 'xml')).body.matchAll(/<Ref UID="([^"]+)"/g)].map((m) => m[1]!);
  t.same(x, j, `XML and JSON agree: ${url}`);
  return j;
}

/** The query types with their plural element and the model objects they serve, as EM would list them now. */
const types: Record<string, { plural: string; items: () => readonly { id: string }[] }> = {
  Job: { plural: 'Jobs', items: () => store.jobs.all() },
  BackupJobSession: {
    plural: 'BackupJobSessions',
    items: () => store.backupSessions.all().filter((s) => s.creationTime <= now),
  },
  ReplicaJobSession: {
    plural: 'ReplicaJobSessions',
    items: () => store.replicaSessions.all().filter((s) => s.creationTime <= now),
  },
  BackupTaskSession: {
    plural: 'BackupTaskSessions',
    items: () => store.backupTaskSessions.all().filter((s) => s.creationTime <= now),
  },
  ReplicaTaskSession: {
    plural: 'ReplicaTaskSessions',
    items: () => store.replicaTaskSessions.all().filter((s) => s.creationTime <= now),
  },
  Repository: { plural: 'Repositories', items: () => store.repositories.all() },
  Backup: { plural: 'Backups', items: () => [...store.backups.all(), ...agent.backups.all()] },
  RestorePoint: {
    plural: 'RestorePoints',
    items: () => byTime<{ id: string; creationTime: number }>(store.restorePoints.all(), agent.restorePoints.all()),
  },
  HierarchyRoot: { plural: 'HierarchyRoots', items: () => store.hierarchyRoots.all() },
  NasJob: { plural: 'NASJobs', items: () => store.nasJobs.all() },
  // EM's own member name in a query answer (the live EM 12 capture, notes/em-samples.md).
  AgentBackupJob: { plural: 'AgentBackupJob', items: () => store.agentBackupJobs.all() },
  DiscoveredComputer: { plural: 'DiscoveredComputers', items: () => store.discoveredComputers.all() },
  BackupFile: {
    plural: 'BackupFiles',
    items: () => byTime<{ id: string; creationTime: number }>(store.backupFiles.all(), agent.backupFiles.all()),
  },
};

const uidOf = (type: string) => (x: { id: string }) => `urn:veeam:${type}:${x.id}`;
type Run = Pick<JobRun, 'endTime' | 'result'>;
const finished = (s: Run) => now >= s.endTime;
const resultOf = (s: Run) => (finished(s) ? s.result : 'None');

t.test('every type, any spelling of its name, answers its plural element with everything EM lists', async (t) => {
  for (const [type, { plural, items }] of Object.entries(types)) {
    const want = items().map(uidOf(type));
    t.ok(want.length > 0, `${type} has objects`);
    t.same(await both(t, `/api/query?type=${type}`), want, `type=${type}`);
    for (const spelling of [type.toLowerCase(), type[0]!.toLowerCase() + type.slice(1), type.toUpperCase()]) {
      t.same(await both(t, `/api/query?type=${spelling}&pageSize=2&page=2`), want.slice(2, 4), `type=${spelling}`);
    }
    const body = await json(`/api/query?type=${type}&format=Entities`);
    t.same(
      Object.keys(body.Entities).filter((k) => body.Entities[k] !== null),
      [plural],
      `${type} JSON plural`,
    );
    const [inner] = Object.keys(body.Entities[plural]);
    t.equal(inner, type === 'AgentBackupJob' ? 'AgentBackupJobs' : plural, 'the list keeps its own key');
    t.same(
      body.Entities[plural][inner!].map((e: Json) => e.UID),
      want,
    );
    const xml = (await get(app, token, `/api/query?type=${type}&format=entities&pageSize=1`, 'xml')).body;
    t.match(xml, `<Entities><${plural}><`, `${type} XML plural`);
  }
});

t.test('the filter strings published clients send, adapted to the seeded names', async (t) => {
  const sessions = store.backupSessions.all().filter((s) => s.creationTime <= now);
  const job = store.jobs.all().find((j) => j.jobType === 'Backup')!; // "vSphere Backup 1"
  const replica = store.jobs.all().find((j) => j.jobType === 'Replica')!;
  const day = '2026-11-20';
  const session = sessions[sessions.length - 10]!;
  type Case = [type: string, filter: string, expect: () => readonly { id: string }[]];
  const cases: Case[] = [
    [
      'Job',
      'JobType==Backup,JobType==BackupCopy',
      () => store.jobs.all().filter((j) => j.jobType === 'Backup' || j.jobType === 'BackupCopy'),
    ],
    // The list holds file share and agent sessions too (JobType NasBackup, AgentBackup).
    ['BackupJobSession', 'JobType==Backup,JobType==BackupCopy', () => sessions.filter(isVmSession)],
    [
      'BackupJobSession',
      'JobType==BackupCopy',
      () => sessions.filter((s) => isVmSession(s) && s.job.jobType === 'BackupCopy'),
    ],
    [
      'BackupJobSession',
      'JobType==NasBackup',
      () => store.nasBackupSessions.all().filter((s) => s.creationTime <= now),
    ],
    [
      'BackupJobSession',
      'JobType==AgentBackup',
      () => store.agentBackupSessions.all().filter((s) => s.creationTime <= now),
    ],
    [
      'BackupJobSession',
      `JobName=="${job.name}";Result==Success`,
      () => sessions.filter((s) => s.job === job && resultOf(s) === 'Success'),
    ],
    ['BackupJobSession', `JobName==${job.name}`, () => sessions.filter((s) => s.job === job)],
    [
      'BackupJobSession',
      `CreationTime>=${day}T07:11:12`,
      () => sessions.filter((s) => s.creationTime >= Date.parse(`${day}T07:11:12Z`)),
    ],
    [
      'BackupJobSession',
      `creationtime>"${day}T07:19:37Z"`,
      () => sessions.filter((s) => s.creationTime > Date.parse(`${day}T07:19:37Z`)),
    ],
    [
      'BackupJobSession',
      `jobname=="${job.name}";(result=="Success",result=="Warning");creationtime>"${day}T00:00:00Z"`,
      () =>
        sessions.filter(
          (s) =>
            s.job === job && ['Success', 'Warning'].includes(resultOf(s)) && s.creationTime > Date.parse(`${day}Z`),
        ),
    ],
    ['BackupJobSession', `jobUid=="urn:veeam:Job:${job.id}"`, () => sessions.filter((s) => s.job === job)],
    ['BackupJobSession', `Name=="${session.name}"`, () => [session]],
    ['BackupJobSession', 'State==Working', () => sessions.filter((s) => !finished(s))],
    [
      'BackupJobSession',
      'Result>Success;EndTime>2026-11-01',
      () => sessions.filter((s) => finished(s) && s.result !== 'Success' && s.endTime > Date.parse('2026-11-01')),
    ],
    [
      'ReplicaJobSession',
      `jobname=="${replica.name}";(result=="Success",result=="Warning");creationtime>"${day}T00:00:00Z"`,
      () =>
        store.replicaSessions
          .all()
          .filter(
            (s) =>
              s.creationTime <= now &&
              s.job === replica &&
              ['Success', 'Warning'].includes(resultOf(s)) &&
              s.creationTime > Date.parse(`${day}Z`),
          ),
    ],
    [
      'BackupTaskSession',
      `JobName=="${job.name}";Result==Failed`,
      () =>
        store.backupTaskSessions
          .all()
          .filter((s) => s.creationTime <= now && s.session.job === job && resultOf(s) === 'Failed'),
    ],
    [
      'BackupTaskSession',
      'State==InProgress',
      () => store.backupTaskSessions.all().filter((s) => s.creationTime <= now && !finished(s)),
    ],
    [
      'Repository',
      'Name=="Backup Volume 01"',
      () => store.repositories.all().filter((r) => r.name === 'Backup Volume 01'),
    ],
    ['Backup', `jobUid=="urn:veeam:Job:${job.id}"`, () => [job.backup!]],
    // The 13.1 query page's example filter: agent jobs' backups and their computers' backups.
    [
      'Backup',
      'Platform==AgentForLinux;BackupType==ChildBackup',
      () => agent.backups.all().filter((b) => b.platform === 'AgentForLinux' && b.parent),
    ],
    [
      'RestorePoint',
      `BackupName=="${agent.backups.all()[1]!.name}"`,
      () => agent.restorePoints.all().filter((p) => p.creationTime <= now && p.backup === agent.backups.all()[1]),
    ],
    [
      'RestorePoint',
      `BackupName=="${job.name}";CreationTime>${day}`,
      () =>
        store.restorePoints
          .all()
          .filter((p) => p.creationTime <= now && p.backup === job.backup && p.creationTime > Date.parse(day)),
    ],
    ['HierarchyRoot', 'HostType==VC', () => store.hierarchyRoots.all().filter((r) => r.platform === 'VMware')],
    ['NasJob', 'ScheduleEnabled==True', () => store.nasJobs.all()],
    [
      'AgentBackupJob',
      'Platform==AgentForWindows',
      () => store.agentBackupJobs.all().filter((j) => j.platform === 'AgentForWindows'),
    ],
    ['Job', 'Platform==hyperv;ScheduleConfigured==true', () => store.jobs.all().filter((j) => j.platform === 'HyperV')],
    // The docs' example on the BackupFile query page.
    [
      'BackupFile',
      `BackupUid=="urn:veeam:Backup:${job.backup!.id}";FileType==vbk`,
      () =>
        store.backupFiles.all().filter((f) => f.creationTime <= now && f.backup === job.backup && f.fileType === 'vbk'),
    ],
    [
      'BackupFile',
      `CreationTimeUTC>${day};BackupSize>0`,
      () =>
        byTime<{ id: string; creationTime: number }>(store.backupFiles.all(), agent.backupFiles.all()).filter(
          (f) => f.creationTime > Date.parse(day),
        ),
    ],
  ];
  for (const [type, filter, expect] of cases) {
    const want = expect().map(uidOf(type));
    t.ok(want.length > 0 || filter === 'never', `${type} ${filter} matches something`);
    t.same(await both(t, `/api/query?type=${type}&filter=${encodeURIComponent(filter)}`), want, `${type} ${filter}`);
    // Raw, as clients send it: `;` `=` `"` `,` unescaped and `+` for a space.
    t.same(
      await both(t, `/api/query?type=${type}&filter=${filter.replaceAll(' ', '+')}`),
      want,
      `${type} ${filter} (raw)`,
    );
  }
});

t.test('every documented field sorts', async (t) => {
  for (const [type, { items }] of Object.entries(types)) {
    const all = items().map(uidOf(type)).sort();
    const res = await get(app, token, `/api/query?type=${type}&filter=Colour==red`, 'json');
    const fields = (JSON.parse(res.body).Message as string).match(/its fields are (.*)$/)![1]!.split(', ');
    t.ok(fields.includes('UID') && fields.includes('Name'), `${type}: ${fields.join(', ')}`);
    // A small page keeps the thousands of task sessions quick; PagesCount of pageSize=3 counts the matches.
    const pages = Math.ceil(all.length / 3);
    for (const field of fields) {
      for (const sort of [`sortAsc=${field}`, `sortDesc=${field.toLowerCase()}`]) {
        const body = await json(`/api/query?type=${type}&${sort}&pageSize=3`);
        t.equal(body.PagingInfo.PagesCount, pages, `${type} ${sort}`);
        t.ok(
          body.Refs.Refs.every((r: Json) => all.includes(r.UID)),
          `${type} ${sort} returns its own objects`,
        );
      }
    }
  }
});

t.test('one small page per type, literally, in XML and JSON', async (t) => {
  for (const type of Object.keys(types)) {
    const url = `/api/query?type=${type}&format=Entities&sortAsc=Name&pageSize=1&page=2`;
    for (const fmt of ['xml', 'json'] as Fmt[]) {
      const res = await get(app, token, url, fmt);
      t.equal(res.statusCode, 200);
      matchExpected(t, res.body, `query/${type}-page2`, fmt);
    }
  }
});

t.test('agent backup jobs: collection, entity and their Down links', async (t) => {
  const refs = (await json('/api/agents/jobs')).Refs as Json[];
  t.same(
    refs.map((r) => r.UID),
    store.agentBackupJobs.all().map(uidOf('AgentBackupJob')),
  );
  t.same(
    refs[0]!.Links.map((l: Json) => `${l.Rel} ${l.Type}`),
    ['Up BackupServerReference', 'Alternate Job', 'Down BackupJobSessionReferenceList'],
  );
  const entity = await json(`${new URL(refs[0]!.Href).pathname}?format=Entity`);
  t.equal(entity.JobType, 'AgentBackup');
  t.equal(entity.Links[0].Name, store.backupServers.all()[0]!.name, 'Links[0] is the backup server');
  for (const l of entity.Links.filter((l: Json) => l.Rel === 'Down')) {
    t.equal((await get(app, token, new URL(l.Href).pathname, 'json')).statusCode, 200, l.Href);
  }
});

t.test('filters that do not fit a type are a 400 naming the problem', async (t) => {
  const cases: [string, string][] = [
    [
      'type=Job&filter=JobType==Copy',
      'JobType has no value "Copy"; its values are Backup, BackupCopy, ImmediateBackupCopy, Replica',
    ],
    ['type=BackupJobSession&filter=IsRetry==maybe', 'IsRetry is true or false; "maybe" is neither'],
    ['type=Repository&filter=FreeSpace<lots', 'FreeSpace is a number; "lots" is not'],
    [
      'type=BackupTaskSession&filter=State==Working',
      'State has no value "Working"; its values are InProgress, Pending, Completed',
    ],
    ['type=NasJob&filter=JobType==Backup', 'unknown field "JobType" for type NasJob'],
  ];
  for (const [query, message] of cases) {
    const res = await get(app, token, `/api/query?${query}`, 'json');
    t.equal(res.statusCode, 400, query);
    t.ok(
      (JSON.parse(res.body).Message as string).includes(message),
      `${JSON.parse(res.body).Message} includes ${message}`,
    );
  }
});

t.test('NAS objects: each job includes its share, answered by the query in Resources', async (t) => {
  const jobs = store.nasJobs.all();
  const hrefsOf = (body: Json) => (body.Resources.NASObjects.NASObjects as Json[]).map((o) => o.Href as string);
  const includes = await Promise.all(
    jobs.map(async (j) => ((await json(`/api/nas/jobs/${j.id}/includes`)).NASObjects as Json[])[0]!),
  );
  t.same(
    includes.map((o) => o.FileOrFolder),
    jobs.map((j) => j.share),
  );
  // Not an entity in EM's schema: Resources whatever the format, never Refs.
  const all = await json('/api/query?type=NasObject');
  t.equal(all.Refs, null);
  t.same(
    hrefsOf(all),
    includes.map((o) => o.Href),
  );
  const second = await json(`/api/query?type=nasobject&filter=JobName=="${jobs[1]!.name}"&format=entities`);
  t.same(hrefsOf(second), [includes[1]!.Href], 'filtered by job name');
  const byId = await json(`/api/query?type=NasObject&filter=UID==${includes[2]!.ObjectInJobId}`);
  t.same(hrefsOf(byId), [includes[2]!.Href], 'UID is the bare ObjectInJobId');
  t.same(
    hrefsOf(await json('/api/query?type=NasObject&sortDesc=Name')),
    includes.map((o) => o.Href).reverse(),
    'sorted by share',
  );
  const item = await get(
    app,
    token,
    `/api/nas/jobs/${jobs[0]!.id}/includes/urn:veeam:NasObject:${includes[0]!.ObjectInJobId}`,
    'json',
  );
  t.equal(JSON.parse(item.body).Href, includes[0]!.Href, 'an include at its own Href, by GUID or UID');
  const missing = await get(app, token, `/api/nas/jobs/${jobs[0]!.id}/includes/${includes[1]!.ObjectInJobId}`, 'json');
  t.equal(missing.statusCode, 404);
  t.equal(
    JSON.parse(missing.body).Message,
    `The file share job ${jobs[0]!.id} includes no object ${includes[1]!.ObjectInJobId}.`,
  );
});
