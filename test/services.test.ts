import t from 'tap';
import { build, logon, get, BASE, HOST, type Fmt } from './helper.js';

/**
 * The entry resources `/api/agents` (AgentsService) and `/api/nas` (NasService), literally: EM's
 * element names and link Types, in EM's order, linking only to collections the mock serves.
 */
const NS = 'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
const DECL = '<?xml version="1.0" encoding="utf-8"?>';

/** [path, XML element, Type, links as [Type, path below /api/]]. */
const SERVICES: [string, string, string, [string, string][]][] = [
  [
    'agents',
    'Agents',
    'AgentsService',
    [
      // Every link of the 13.1 `/agents` sample, in its order (backup files typed `RestorePoint…`, sic).
      ['JobReferenceList', 'agents/jobs'],
      ['AgentRestorePointReferenceList', 'agents/agentRestorePoints'],
      ['BackupReferenceList', 'agents/backups'],
      ['RestorePointReferenceList', 'agents/restorePoints'],
      ['RestorePointReferenceList', 'agents/backupFiles'],
      ['BackupJobSessionReferenceList', 'agents/backupSessions'],
      ['AgentProtectionGroupReferenceList', 'agents/protectionGroups'],
      ['DiscoveredComputerReferenceList', 'agents/discoveredComputers'],
      ['JobList', 'agents/jobs?format=Entity'],
      ['AgentRestorePointList', 'agents/agentRestorePoints?format=Entity'],
      ['BackupList', 'agents/backups?format=Entity'],
      ['RestorePointList', 'agents/restorePoints?format=Entity'],
      ['RestorePointList', 'agents/backupFiles?format=Entity'],
      ['BackupJobSessionList', 'agents/backupSessions?format=Entity'],
      ['AgentProtectionGroupList', 'agents/protectionGroups?format=Entity'],
      ['DiscoveredComputerList', 'agents/discoveredComputers?format=Entity'],
    ],
  ],
  [
    'nas',
    'NASService',
    'NasService',
    [
      ['JobReferenceList', 'nas/jobs'],
      ['FileServerReferenceList', 'nas/fileServers'],
      ['BackupJobSessionReferenceList', 'nas/backupSessions'],
      ['JobList', 'nas/jobs?format=Entity'],
      ['FileServerList', 'nas/fileServers?format=Entity'],
      ['BackupJobSessionList', 'nas/backupSessions?format=Entity'],
    ],
  ],
];

t.test('GET /agents and /nas in XML and JSON', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  const token = await logon(app);
  for (const [path, element, type, links] of SERVICES) {
    const bodies: Record<Fmt, string> = {
      xml:
        `${DECL}<${element} ${NS} Href="${BASE}/api/${path}" Type="${type}" xmlns="http://www.veeam.com/ent/v1.0"><Links>` +
        links.map(([lt, p]) => `<Link Href="${BASE}/api/${p}" Type="${lt}" Rel="Down" />`).join('') +
        `</Links></${element}>`,
      json:
        `{"Links":[${links.map(([lt, p]) => `{"Rel":"Down","Href":"${BASE}/api/${p}","Name":null,"Type":"${lt}"}`).join(',')}],` +
        `"Href":"${BASE}/api/${path}","Type":"${type}"}`,
    };
    for (const fmt of ['xml', 'json'] as Fmt[]) {
      const res = await get(app, token, `/api/${path}`, fmt);
      t.equal(res.statusCode, 200, `${path} ${fmt}`);
      t.equal(res.headers['content-type'], `application/${fmt}`);
      t.equal(res.headers['content-length'], String(Buffer.byteLength(res.body)));
      t.equal(res.body, bodies[fmt], `${path} ${fmt} body`);
    }

    for (const [, p] of links) t.equal((await get(app, token, `/api/${p}`, 'json')).statusCode, 200, `${p} resolves`);
  }
});

t.test('authentication, methods, spelling', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  const token = await logon(app);
  for (const [path, element] of SERVICES) {
    t.equal(
      (await app.inject({ method: 'GET', url: `/api/${path}`, headers: { host: HOST } })).statusCode,
      401,
      `${path} needs a session`,
    );
    const post = await app.inject({
      method: 'POST',
      url: `/api/${path}`,
      headers: { host: HOST, 'x-restsvcsessionid': token },
    });
    t.equal(post.statusCode, 405, `POST ${path}`);
    const upper = await get(app, token, `/api/${path.toUpperCase()}/`, 'xml');
    t.equal(upper.statusCode, 200, `${path} any case, trailing slash`);
    t.match(upper.body, `<${element} `);
  }
});
