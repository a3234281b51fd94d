import t from 'tap';
import { build, logon, get, BASE, CLOCK_START } from './helper.js';
import { generate } from '../data/generate.js';
import { estateSize, vmCount } from '../data/estate.js';
import { fake, loadFaker } from '../data/fake.js';

type Json = Record<string, unknown>;

/** Every Href in a JSON body (links of every relation a client GETs, refs, entities' own). */
function hrefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) hrefs(n, out);
  else if (node !== null && typeof node === 'object') {
    const o = node as Json;
    if (
      typeof o.Href === 'string' &&
      (o.Rel === undefined || ['Up', 'Down', 'Alternate', 'Related'].includes(o.Rel as string))
    )
      out.push(o.Href);
    for (const v of Object.values(o)) hrefs(v, out);
  }
  return out;
}

t.test('faker is loaded on demand (the default estate never needs it)', async (t) => {
  t.throws(() => fake(1, 'BackupServer/3', 'description', (f) => f.location.city()), /faker is not loaded/);
});

t.test('the small estate: every Href reached from /api/ resolves', async (t) => {
  const { app } = await build({ estate: 'small' });
  t.teardown(() => app.close());
  const token = await logon(app);
  const seen = new Set<string>([`${BASE}/api/`]);
  const queue = [...seen];
  const failures: string[] = [];
  // Whole time-ordered collections hold thousands of runs; a few of each sub-collection shape suffice.
  const perShape = new Map<string, number>();
  for (let i = 0; i < queue.length; i++) {
    const url = queue[i]!;
    const res = await get(app, token, url.slice(BASE.length), 'json');
    if (res.statusCode !== 200) {
      failures.push(`${res.statusCode} ${url}`);
      continue;
    }
    for (const h of hrefs(JSON.parse(res.body))) {
      const shape = h.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '{id}');
      if (seen.has(h) || (perShape.get(shape) ?? 0) >= 15) continue;
      perShape.set(shape, (perShape.get(shape) ?? 0) + 1);
      seen.add(h);
      queue.push(h);
    }
  }
  t.same(failures, [], `${queue.length} URLs, all 200`);
  const servers = JSON.parse((await get(app, token, '/api/backupServers?format=Entity', 'json')).body) as Json;
  t.equal((servers.BackupServers as Json[]).length, 1, 'one site');
  t.equal(
    (servers.BackupServers as Json[])[0]!.Name,
    'vbr01.tech.local',
    'the medium estate’s first site, as readable as ever',
  );
});

t.test('the large estate: about 10 000 VMs, a year of history, Hrefs of the last site resolve', async (t) => {
  const e = estateSize('large');
  t.equal(vmCount(e), 10_000);
  t.same(
    estateSize('small', { vmsPerRoot: 3 }).vmsPerRoot,
    { VMware: 3, vCloud: 3, HyperV: 3 },
    '--vms-per-root sets every platform',
  );
  t.equal(e.historyDays, 365);
  const { app } = await build({ estate: 'large', restoreSessions: 300 });
  t.teardown(() => app.close());
  const token = await logon(app);
  const json = async (url: string) => {
    const res = await get(app, token, url, 'json');
    t.equal(res.statusCode, 200, url);
    return JSON.parse(res.body) as Json;
  };
  const servers = (await json('/api/backupServers')).Refs as Json[];
  t.equal(servers.length, 10);
  const last = servers.find((s) => s.Name === 'vbr10.tech.local')!;
  t.ok(last, 'servers are named vbr01…vbr10');
  const roots = ((await json('/api/hierarchyRoots')).Refs as Json[]).map((r) => r.Name);
  t.equal(roots.length, 60, '10 servers × 3 platforms × 2 roots');
  t.ok(roots.includes('vcsa10-2.tech.local'), 'a second vCenter is <name>-2');
  const jobs = ((await json('/api/jobs')).Refs as Json[]).map((j) => j.Name as string);
  t.ok(jobs.includes('vSphere Backup 10-2'), 'its job is named after it');
  t.equal(new Set(jobs).size, jobs.length, 'job names are unique');
  // Spot checks: a job of the last site, its sessions and tasks, a VM restore point, the oldest restore session.
  const job = ((await json('/api/jobs')).Refs as Json[]).find((j) => j.Name === 'vSphere Backup 10-2')!;
  const jobEntity = await json(`${(job.Href as string).slice(BASE.length)}?format=Entity`);
  const sessions = (await json(`${(job.Href as string).slice(BASE.length)}/backupSessions`)).Refs as Json[];
  t.ok(sessions.length >= 7, 'a week of runs');
  const tasks = (await json(`${(sessions[0]!.Href as string).slice(BASE.length)}/taskSessions`)).Refs as Json[];
  t.equal(tasks.length, 250, 'one task per VM of the root');
  const vms = new Set(tasks.map((x) => (x.Name as string).split('@')[0]));
  t.equal(vms.size, 250, 'VM names are unique');
  t.ok(vms.has('sql-10251'), 'the second root’s VMs continue the server’s numbering (251st VM: sql-10251)');
  const rs = (await json('/api/restoreSessions?format=Entity')).RestoreSessions as Json[];
  t.ok(rs.length > 0);
  for (const url of [...hrefs(jobEntity), ...hrefs(tasks.slice(0, 3)), ...hrefs(rs.slice(-2))])
    await json(url.slice(BASE.length));
  const nas = ((await json('/api/nas/jobs?format=Entity')) as Json).NASJobs as Json[] | undefined;
  if (nas) t.ok(nas.length === 10, 'one file share job per site');
});

t.test('faker values: same seed, same bytes; per entity and field, so nothing else moves', async (t) => {
  await loadFaker();
  const now = CLOCK_START;
  const six = estateSize('medium', { backupServers: 6, historyDays: 2 });
  const a = generate({ seed: 7, now, restoreSessions: 0, estate: six });
  const b = generate({ seed: 7, now, restoreSessions: 0, estate: six });
  const facts = (s: typeof a) =>
    JSON.stringify([
      s.backupServers.all().map((x) => [x.name, x.description]),
      s.repositories.all().map((x) => x.path),
      s.discoveredComputers.all().map((x) => [x.name, x.osVersion, x.ipAddress]),
      s.nasJobs.all().map((x) => x.share),
    ]);
  t.equal(facts(a), facts(b), 'same seed → same values');
  const four = facts(
    generate({ seed: 7, now, restoreSessions: 0, estate: estateSize('medium', { backupServers: 4, historyDays: 2 }) }),
  );
  const sixServers = a.backupServers
    .all()
    .slice(0, 4)
    .map((x) => x.description);
  t.same(
    JSON.parse(four)[0].map((x: string[]) => x[1]),
    sixServers,
    'adding sites leaves the others’ values unchanged',
  );
  t.not(facts(generate({ seed: 8, now, restoreSessions: 0, estate: six })), facts(a), 'another seed, other values');
  const site4 = a.backupServers.all()[3]!;
  t.match(site4.description, /^Backup server of the .+ (office|data center|branch|plant)$/);
  t.match(a.discoveredComputers.all().find((c) => c.backupServer === site4)!.ipAddress, /^10\.\d+\.\d+\.\d+$/);
  // A field drawn before another (or not at all) does not change it: each has its own stream.
  const ip = fake(7, 'DiscoveredComputer/3/0', 'ipAddress', (f) => f.internet.ipv4());
  fake(7, 'DiscoveredComputer/3/0', 'someNewField', (f) => f.lorem.paragraph());
  t.equal(
    fake(7, 'DiscoveredComputer/3/0', 'ipAddress', (f) => f.internet.ipv4()),
    ip,
  );
});
