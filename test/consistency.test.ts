import t from 'tap';
import { build, logon, get } from './helper.js';
import type { FastifyInstance } from 'fastify';
import type { AgentRestorePoint } from '../data/model.js';
import { backupPointOf } from '../data/agentBackups.js';

type Json = Record<string, any>;

/** The GUID an Href names. */
const idOf = (href: string) => /([0-9a-f-]{36})(\?|$)/.exec(href)?.[1];

async function json(app: FastifyInstance, token: string, url: string): Promise<Json> {
  const res = await get(app, token, url, 'json');
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return JSON.parse(res.body) as Json;
}

t.test('the summary reports add up to what the collections list', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  const token = await logon(app);
  const servers = (await json(app, token, '/api/backupServers')).Refs as Json[];
  const repos = (await json(app, token, '/api/repositories?format=Entity')).Repositories as Json[];
  const backups = (await json(app, token, '/api/backups?format=Entity')).Backups as Json[];
  const files = (await json(app, token, '/api/backupFiles?format=Entity')).BackupFiles as Json[];
  const points = (await json(app, token, '/api/vmRestorePoints')).Refs as Json[];
  const backupSessions = (await json(app, token, '/api/backupSessions?format=Entity')).BackupJobSessions as Json[];
  const replicaSessions = (await json(app, token, '/api/replicaSessions?format=Entity')).ReplicaJobSessions as Json[];
  const nasSessions = (await json(app, token, '/api/nas/backupSessions?format=Entity')).BackupJobSessions as Json[];
  const jobs = (await json(app, token, '/api/jobs?format=Entity')).Jobs as Json[];
  const nasJobs = (await json(app, token, '/api/nas/jobs')).Refs as Json[];
  const agentSessions = (await json(app, token, '/api/agents/backupSessions?format=Entity'))
    .BackupJobSessions as Json[];
  const agentJobs = (await json(app, token, '/api/agents/jobs')).Refs as Json[];

  // /backupSessions lists the file share and agent sessions too (JobType NasBackup, AgentBackup).
  const uids = (l: Json[]) => l.map((s) => s.UID as string);
  const backupUids = new Set(uids(backupSessions));
  t.ok(
    nasSessions.length > 0 && uids(nasSessions).every((u) => backupUids.has(u)),
    'every NAS session is in /backupSessions',
  );
  t.ok(
    agentSessions.length > 0 && uids(agentSessions).every((u) => backupUids.has(u)),
    'every agent session is in /backupSessions',
  );
  t.equal(
    backupSessions.filter((s) => s.JobType === 'NasBackup').length,
    nasSessions.length,
    'and no other NasBackup session',
  );
  t.equal(
    backupSessions.filter((s) => s.JobType === 'AgentBackup').length,
    agentSessions.length,
    'and no other AgentBackup session',
  );

  const overview = await json(app, token, '/api/reports/summary/overview');
  t.equal(overview.BackupServers, servers.length);
  t.equal(overview.RepositoryServers, repos.length);

  // The VM backups' files: agent backups are listed too (BackupType ParentBackup, ChildBackup)
  // but the VM report and repository sizes count VM backups only (notes/environment.md).
  const standard = new Set(backups.filter((b) => b.BackupType === 'Standard').map((b) => b.Href.split('?')[0]));
  t.ok(standard.size < backups.length, '/backups lists agent backups too');
  const vmFiles = files.filter((f) => standard.has(f.Links[0].Href));
  const vms = await json(app, token, '/api/reports/summary/vms_overview');
  t.equal(vms.RestorePoints, points.length, 'RestorePoints = listed VM restore points');
  const sizeOf = (type: string) => vmFiles.filter((f) => f.FileType === type).reduce((s, f) => s + f.BackupSize, 0);
  t.equal(vms.FullBackupPointsSize, sizeOf('vbk'));
  t.equal(vms.IncrementalBackupPointsSize, sizeOf('vib'));

  const stats = await json(app, token, '/api/reports/summary/job_statistics');
  const runs = [...backupSessions, ...replicaSessions];
  t.equal(stats.TotalJobRuns, runs.length, 'TotalJobRuns = listed job sessions');
  t.equal(stats.SuccessfulJobRuns, runs.filter((s) => s.Result === 'Success').length);
  t.equal(stats.WarningsJobRuns, runs.filter((s) => s.Result === 'Warning').length);
  t.equal(stats.FailedJobRuns, runs.filter((s) => s.Result === 'Failed').length);
  const working = runs.filter((s) => s.State === 'Working');
  t.ok(working.length > 0, 'some sessions are still running');
  t.ok(
    working.every((s) => s.Result === 'None' && s.EndTimeUTC === undefined),
    'running sessions have no result or end yet',
  );
  t.equal(stats.RunningJobs, new Set(working.map((s) => s.JobUid)).size, 'RunningJobs = jobs with a working session');
  t.equal(overview.RunningJobs, stats.RunningJobs);
  t.equal(stats.ScheduledJobs, jobs.length + nasJobs.length + agentJobs.length);
  t.equal(stats.ScheduledReplicaJobs, jobs.filter((j) => j.JobType === 'Replica').length);
  const longest = Math.max(
    ...runs
      .filter((s) => s.EndTimeUTC)
      .map((s) => Math.round((Date.parse(s.EndTimeUTC) - Date.parse(s.CreationTimeUTC)) / 1000)),
  );
  t.equal(stats.MaxJobDuration, longest);

  const report = await json(app, token, '/api/reports/summary/repository');
  t.same(
    report.Periods,
    repos.map((r) => ({
      Name: r.Name,
      Capacity: r.Capacity,
      FreeSpace: r.FreeSpace,
      // What a repository holds is the sum of the files of the VM backups in it.
      BackupSize: vmFiles
        .filter(
          (f) => backups.find((b) => idOf(b.Href) === idOf(f.Links[0].Href))?.Links[0].Href === r.Href.split('?')[0],
        )
        .reduce((s, f) => s + f.BackupSize, 0),
    })),
  );
  for (const r of repos) {
    // A snapshot-only repository's size is unknown to EM: -1 for both (docs' report sample).
    if (r.Kind === 'SanSnapshotOnly') t.ok(r.Capacity === -1 && r.FreeSpace === -1, `${r.Name}: capacity unknown, -1`);
    else t.ok(r.Capacity > 0 && r.FreeSpace > 0 && r.FreeSpace < r.Capacity, `${r.Name}: 0 < FreeSpace < Capacity`);
  }
  t.ok(
    repos.some((r) => r.Kind === 'SanSnapshotOnly'),
    'the estate holds a repository of unknown capacity',
  );

  const processed = await json(app, token, '/api/reports/summary/processed_vms');
  t.equal(processed.Days.length, 7);
  t.ok(processed.Days.every((d: Json) => d.BackupedVms >= 0 && d.ReplicatedVms >= 0));
});

t.test('sessions are recent and Links[0] is the backup server', async (t) => {
  const { app, real } = await build();
  t.teardown(() => app.close());
  const token = await logon(app);
  const dayAgo = new Date(real.now - 24 * 3600_000).toISOString();
  for (const [url, key] of [
    ['/api/backupSessions?format=Entity', 'BackupJobSessions'],
    ['/api/replicaSessions?format=Entity', 'ReplicaJobSessions'],
    ['/api/nas/backupSessions?format=Entity', 'BackupJobSessions'],
    ['/api/agents/backupSessions?format=Entity', 'BackupJobSessions'],
    ['/api/repositories?format=Entity', 'Repositories'],
    ['/api/agents/discoveredComputers?format=Entity', 'DiscoveredComputers'],
    ['/api/nas/jobs?format=Entity', 'NASJobs'],
  ] as const) {
    const items = (await json(app, token, url))[key] as Json[];
    t.ok(items.length > 0, `${url} lists something`);
    t.ok(
      items.every(
        (i) =>
          i.Links[0].Rel === 'Up' &&
          i.Links[0].Type === 'BackupServerReference' &&
          /^vbr\d+\.tech\.local$/.test(i.Links[0].Name),
      ),
      `${url}: Links[0] is the backup server`,
    );
    if (key.endsWith('Sessions'))
      t.ok(
        items.some((s) => s.CreationTimeUTC > dayAgo),
        `${url}: sessions in the last 24 hours`,
      );
  }
});

t.test('backup files per backup and includes per job add up', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  const token = await logon(app);
  const files = (await json(app, token, '/api/backupFiles')).Refs as Json[];
  const backups = (await json(app, token, '/api/backups')).Refs as Json[];
  let perBackup = 0;
  for (const b of backups) {
    const mine = (await json(app, token, `/api/backups/${idOf(b.Href)}/backupFiles`)).Refs as Json[];
    t.ok(
      mine.every((f) => f.Links[1].Href === b.Href),
      `${b.Name}: its files link Up to it`,
    );
    perBackup += mine.length;
  }
  t.equal(perBackup, files.length, "the backups' files together are /backupFiles");
  for (const j of app.store.jobs.all()) {
    const includes = (await json(app, token, `/api/jobs/${j.id}/includes`)).ObjectInJobs as Json[];
    t.same(
      includes.map((o) => o.HierarchyObjRef),
      j.vms.map((vm) => `urn:${vm.root.platform}:Vm:${vm.root.id}.${vm.objectRef}`),
      `${j.name}: one include per VM`,
    );
    const entity = await json(app, token, `/api/jobs/${j.id}?format=Entity`);
    const info = Object.values(entity.JobInfo)[0] as Json;
    if (info.Includes)
      t.same(
        info.Includes.ObjectInJobs.map((o: Json) => o.ObjectInJobId),
        includes.map((o) => o.ObjectInJobId),
        `${j.name}: JobInfo names the same includes`,
      );
  }
});

t.test('every VM restore point belongs to a restore point, a backup file and a backup of a job', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  const store = app.store;
  let checked = 0;
  for (const p of store.vmRestorePoints.all()) {
    const rp = store.restorePoints.get(p.restorePoint.id);
    if (!rp || store.backupFiles.get(p.backupFile.id) !== rp.backupFile || !rp.vmRestorePoints.includes(p)) {
      t.fail(`VM restore point ${p.id} is not in its restore point`);
      return;
    }
    if (store.backups.get(rp.backup.id) !== rp.backup || store.jobs.get(rp.backup.job.id) !== rp.backup.job) {
      t.fail(`restore point ${rp.id} has no listed backup/job`);
      return;
    }
    checked++;
  }
  t.equal(checked, store.vmRestorePoints.size);
  t.ok(
    store.restoreSessions.all().every((s) => store.vmRestorePoints.get(s.vmRestorePoint.id) === s.vmRestorePoint),
    'restore sessions restore from listed points',
  );
});

t.test('agent backups, points and files: one of each per agent restore point, listed everywhere', async (t) => {
  const { app, real } = await build();
  t.teardown(() => app.close());
  const token = await logon(app);
  const store = app.store;
  const uids = async (url: string) => ((await json(app, token, url)).Refs as Json[]).map((r) => r.UID as string);
  const agentPoints = (await json(app, token, '/api/agents/agentRestorePoints?format=Entity'))
    .AgentRestorePoints as Json[];
  const agentRps = await uids('/api/agents/restorePoints');
  const agentFiles = await uids('/api/agents/backupFiles');
  const agentBackups = (await json(app, token, '/api/agents/backups?format=Entity')).Backups as Json[];
  t.equal(agentRps.length, agentPoints.length, 'a restore point per agent restore point');
  t.equal(agentFiles.length, agentPoints.length, 'a backup file per agent restore point');

  // Each agent restore point links Up to its restore point and file, which link back down to it.
  const upOf = (p: Json, type: string) => p.Links.find((l: Json) => l.Type === type).Href as string;
  for (const p of agentPoints.slice(-5)) {
    for (const type of ['RestorePointReference', 'BackupFileReference']) {
      const down = await uids(`${new URL(upOf(p, type)).pathname}/agentRestorePoints`);
      t.same(down, [p.UID], `${p.Name}: its ${type} lists it`);
    }
  }

  // The generic lists and the query service hold the agent objects too, and nothing else is added.
  const all = {
    backups: await uids('/api/backups'),
    restorePoints: await uids('/api/restorePoints'),
    backupFiles: await uids('/api/backupFiles'),
  };
  const contains = (big: string[], small: string[]) => small.every((u) => big.includes(u));
  t.ok(
    contains(
      all.backups,
      agentBackups.map((b) => b.UID),
    ),
    '/backups lists every agent backup',
  );
  t.ok(contains(all.restorePoints, agentRps), '/restorePoints lists every agent restore point');
  t.ok(contains(all.backupFiles, agentFiles), '/backupFiles lists every agent backup file');
  t.equal(all.backups.length, store.backups.size + agentBackups.length);
  t.equal(
    all.restorePoints.length,
    store.restorePoints.all().filter((p) => p.creationTime <= real.now).length + agentRps.length,
  );
  const query = (q: string) => json(app, token, `/api/query?${q}`).then((r) => r.PagingInfo.PagesCount as number);
  t.equal(await query('type=Backup&pageSize=1'), all.backups.length, 'query?type=Backup counts them all');
  t.equal(await query('type=RestorePoint&pageSize=1'), all.restorePoints.length);
  t.equal(await query('type=BackupFile&pageSize=1'), all.backupFiles.length);

  // One ParentBackup per agent job, holding one ChildBackup per computer; the children hold the points.
  const parents = agentBackups.filter((b) => b.BackupType === 'ParentBackup');
  t.equal(parents.length, store.agentBackupJobs.size, 'a ParentBackup per agent job');
  t.equal(await query('type=Backup&filter=BackupType==ParentBackup&pageSize=1'), parents.length);
  let points = 0;
  for (const parent of parents) {
    const kids = (await json(app, token, `/api/backups/${idOf(parent.Href)}/childbackups?format=Entity`))
      .Backups as Json[];
    t.ok(
      kids.length > 0 && kids.every((k) => k.BackupType === 'ChildBackup' && k.Name.startsWith(`${parent.Name} - `)),
    );
    for (const kid of kids) points += (await uids(`/api/backups/${idOf(kid.Href)}/restorePoints`)).length;
    t.same(await uids(`/api/backups/${idOf(parent.Href)}/restorePoints`), [], 'a ParentBackup holds no point itself');
  }
  t.equal(points, agentRps.length, "the children's restore points are all the agent restore points");

  // VM points and files hold no agent points, agent ones no VM points; only a parent has children.
  const vmPoint = store.restorePoints.all()[0]!;
  const agentRp = idOf(agentRps[0]!)!;
  for (const url of [
    `/api/restorePoints/${vmPoint.id}/agentRestorePoints`,
    `/api/backupFiles/${vmPoint.backupFile.id}/agentRestorePoints`,
    `/api/restorePoints/${agentRp}/vmRestorePoints`,
    `/api/backupFiles/${idOf(agentFiles[0]!)}/vmRestorePoints`,
    `/api/backups/${vmPoint.backup.id}/childbackups`,
  ])
    t.same(await uids(url), [], `${url.replace(/[0-9a-f-]{36}/, '{id}')} is empty`);
});

t.test('an agent run added to the store later shows up in every list, and a gone job keeps its backups', async (t) => {
  const { app, real } = await build();
  t.teardown(() => app.close());
  const token = await logon(app);
  const store = app.store;
  const last = store.agentRestorePoints.all().at(-1)!;
  // What an agent job run does: a new session and one point per computer, through the store.
  const session = { ...last.session, id: '11111111-1111-4111-8111-111111111111', creationTime: real.now + 60_000 };
  const added: AgentRestorePoint = {
    ...last,
    id: '22222222-2222-4222-8222-222222222222',
    session,
    creationTime: real.now + 120_000,
    pointType: 'Full',
    algorithm: 'Full',
  };
  store.agentRestorePoints.add(added);
  const derived = backupPointOf(added);
  const has = async (url: string, id: string) =>
    ((await json(app, token, url)).Refs as Json[]).some((r) => r.UID.endsWith(id));
  t.notOk(await has('/api/restorePoints', derived.id), 'not listed before its time');
  real.now += 180_000;
  for (const url of ['/api/restorePoints', '/api/agents/restorePoints'])
    t.ok(await has(url, derived.id), `${url} lists the new point`);
  for (const url of ['/api/backupFiles', '/api/agents/backupFiles'])
    t.ok(await has(url, derived.backupFile.id), `${url} lists the new file`);
  t.ok(derived.backupFile.name.endsWith('.vbk'), 'a full point lives in a .vbk');
  t.ok(await has(`/api/backups/${derived.backup.id}/restorePoints`, derived.id), 'its backup lists it');

  // A job that is gone leaves its backups, points and files listed, as a deleted VM job's do.
  const job = store.agentBackupJobs.all()[0]!;
  const before = ((await json(app, token, '/api/agents/backups')).Refs as Json[]).map((r) => r.UID);
  store.agentBackupJobs.remove(job.id);
  const after = ((await json(app, token, '/api/agents/backups')).Refs as Json[]).map((r) => r.UID);
  t.same([...after].sort(), [...before].sort(), 'the same backups are listed');
  t.equal((await get(app, token, `/api/backups/${idOf(before[0]!)}?format=Entity`, 'json')).statusCode, 200);
});
