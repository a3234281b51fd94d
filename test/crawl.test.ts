import t from 'tap';
import { XMLValidator } from 'fast-xml-parser';
import { build, logon, get, BASE } from './helper.js';

/** Relations a client dereferences with GET; the others (Start, Edit, Delete, Create, …) are actions. */
const FOLLOWED = new Set(['Up', 'Down', 'Alternate', 'Related']);
/** Visits per URL shape (GUIDs masked), so every kind of link is tried without walking 20 000 objects. */
const PER_SHAPE = 3;
const MAX_REQUESTS = 3000;

const shape = (url: string) => url.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '{id}');

/** Every Href in a JSON body: Links of followed relations, and Refs / entities' own Hrefs. */
function hrefs(node: unknown, out: string[]): void {
  if (Array.isArray(node)) {
    for (const n of node) hrefs(n, out);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if (typeof o.Href === 'string' && (o.Rel === undefined || FOLLOWED.has(o.Rel as string))) out.push(o.Href);
  for (const v of Object.values(o)) hrefs(v, out);
}

/** Every Href value in a JSON body, whatever its relation. */
function allJsonHrefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) allJsonHrefs(n, out);
  else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'Href' && typeof v === 'string') out.push(v);
      else allJsonHrefs(v, out);
    }
  }
  return out;
}

/** Every Href attribute of an XML body, unescaped. */
function allXmlHrefs(xml: string): string[] {
  return [...xml.matchAll(/ Href="([^"]*)"/g)].map((m) =>
    m[1]!
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&'),
  );
}

t.test('crawling from /api/ finds no dead link and no 5xx', async (t) => {
  const { app, real } = await build();
  t.teardown(() => app.close());
  const token = await logon(app);
  // Actions first, so tasks (and their Related links to what they made) are there to be found.
  const job = (JSON.parse((await get(app, token, '/api/jobs', 'json')).body) as { Refs: { UID: string }[] }).Refs[0]!
    .UID;
  await app.inject({
    method: 'POST',
    url: `/api/jobs/${job}?action=start`,
    headers: { host: BASE.slice(7), 'x-restsvcsessionid': token },
  });
  real.now += 5000;
  const queue: string[] = [];
  const seen = new Set<string>();
  const perShape = new Map<string, number>();
  const failures: string[] = [];
  // Deciding at enqueue time keeps the queue small: list bodies hold thousands of Hrefs.
  const enqueue = (found: string[]) => {
    for (const url of found) {
      if (!url.startsWith(BASE)) failures.push(`foreign href ${url}`);
      const s = shape(url);
      if (seen.has(url) || (perShape.get(s) ?? 0) >= PER_SHAPE) continue;
      seen.add(url);
      perShape.set(s, (perShape.get(s) ?? 0) + 1);
      queue.push(url);
    }
  };
  const start: string[] = [`${BASE}/api/`];
  hrefs(JSON.parse((await get(app, token, `/api/logonSessions`, 'json')).body), start);
  enqueue(start);
  let requests = 0;
  for (; requests < queue.length && requests < MAX_REQUESTS; requests++) {
    const url = queue[requests]!;
    // Whole collections run to megabytes; they are read in JSON only (their XML is tested elsewhere).
    const formats = shape(url).includes('{id}') ? (['json', 'xml'] as const) : (['json'] as const);
    let jsonHrefs: string[] = [];
    for (const fmt of formats) {
      const res = await get(app, token, url.slice(BASE.length), fmt);
      if (res.statusCode !== 200) failures.push(`${res.statusCode} ${fmt} ${url}`);
      else if (fmt === 'json') {
        const body: unknown = JSON.parse(res.body);
        const found: string[] = [];
        hrefs(body, found);
        enqueue(found);
        jsonHrefs = allJsonHrefs(body).sort();
      } else {
        // Both encodings come from one tree: the XML must parse and carry exactly the JSON's links.
        const valid = XMLValidator.validate(res.body);
        if (valid !== true) failures.push(`malformed XML at ${url}: ${valid.err.msg} (line ${valid.err.line})`);
        const xmlHrefs = allXmlHrefs(res.body).sort();
        if (xmlHrefs.join('\n') !== jsonHrefs.join('\n')) failures.push(`XML and JSON differ in their Hrefs at ${url}`);
      }
    }
  }
  t.same(failures, [], 'every followed link answers 200');
  t.ok(requests < MAX_REQUESTS, `the crawl ended by itself (${requests} URLs)`);
  // The crawl reached every kind of resource the mock serves.
  const shapes = [...perShape.keys()].map((u) => u.slice(BASE.length));
  for (const expected of [
    '/api/jobs/{id}',
    '/api/jobs/{id}/backupSessions',
    '/api/backupSessions/{id}/taskSessions',
    '/api/backupTaskSessions/{id}?format=Entity',
    '/api/replicaSessions/{id}/replicaTaskSessions',
    '/api/replicaTaskSessions/{id}?format=Entity',
    '/api/repositories/{id}/backups',
    '/api/backups/{id}/restorePoints',
    '/api/restorePoints/{id}/vmRestorePoints',
    '/api/backupFiles/{id}/vmRestorePoints',
    '/api/hierarchyRoots/{id}?format=Entity',
    '/api/vmRestorePoints/{id}',
    '/api/reports/summary/job_statistics',
    '/api/tasks',
    '/api/tasks/task-1',
    '/api/jobs/{id}/includes',
    '/api/jobs/{id}/includes/{id}',
    '/api/jobs/{id}/replicaSessions',
    '/api/backups/{id}/backupFiles',
    '/api/agents/backupSessions',
    '/api/agents/jobs/{id}/backupSessions',
    '/api/nas/fileServers/{id}?format=Entity',
    '/api/agents/protectionGroups/{id}/discoveredComputers?format=Entity',
    '/api/agents/agentRestorePoints/{id}/mounts',
    // Agent backups (from /agents and from the agent restore points' Up links).
    '/api/agents/backups?format=Entity',
    '/api/agents/restorePoints',
    '/api/agents/backupFiles?format=Entity',
    '/api/backups/{id}/childbackups',
    '/api/backups/{id}/childbackups?format=Entity',
    '/api/restorePoints/{id}/agentRestorePoints',
    '/api/backupFiles/{id}/agentRestorePoints',
    '/api/nas/jobs/{id}/includes/{id}',
    '/api/lookupSvc',
    '/api/lookup?host=urn%3aveeam%3aHierarchyRoot%3a{id}&name=*&type=Vm',
    '/api/lookup?host=urn%3aveeam%3aHierarchyRoot%3a{id}&name=*&type=Vapp',
    '/api/lookup?host=urn%3aveeam%3aHierarchyRoot%3a{id}&name=*&type=VmGroup',
  ]) {
    t.ok(shapes.includes(expected), `reached ${expected}`);
  }
});
