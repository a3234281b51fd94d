import t from 'tap';
import { build, get, logon, BASE } from './helper.js';
import { act, guid, EM_NS } from './actionHelper.js';
import { matchExpected } from './expected.js';

const JOB = '1c215130-8d50-4c63-b43e-b7d13eb1974a';
const REPLICA_NAME = 'vSphere Replication 1';

type App = Awaited<ReturnType<typeof build>>['app'];
const json = async (app: App, token: string, url: string) =>
  JSON.parse((await get(app, token, url, 'json')).body) as Record<string, unknown>;

async function repositoryUid(app: App, token: string): Promise<string> {
  const repos = (await json(app, token, '/api/backupServers')) as { Refs: { UID: string }[] };
  const server = guid(repos.Refs[0]!.UID);
  const list = (await json(app, token, `/api/backupServers/${server}/repositories`)) as {
    Refs: { UID: string; Name: string }[];
  };
  return list.Refs.find((r) => r.Name === 'Backup Volume 01')!.UID;
}

/** What must not change when a request is refused. */
async function snapshot(app: App, token: string) {
  return {
    jobs: (await get(app, token, '/api/jobs')).body,
    tasks: (await get(app, token, '/api/tasks')).body,
    epoch: app.store.epoch,
  };
}

t.test('clone with an XML JobCloneSpec (docs sample shape) makes a job with the source objects', async (t) => {
  const { app, real } = await build();
  const token = await logon(app);
  const repo = await repositoryUid(app, token);
  const body =
    `<?xml version="1.0" encoding="utf-8"?>\n<JobCloneSpec ${EM_NS}>\n  <BackupJobCloneInfo>\n    <JobName>Oracle Backup 01</JobName>\n` +
    `    <FolderName>Oracle Backup 01</FolderName>\n    <RepositoryUid>${repo}</RepositoryUid>\n    <Description>Cloned Oracle backup job</Description>\n  </BackupJobCloneInfo>\n</JobCloneSpec>`;
  const res = await act(app, token, `/api/jobs/${JOB}?action=clone`, { body });
  t.equal(res.statusCode, 202);
  t.match(res.body, /<Operation>CloneJob<\/Operation><\/Task>$/);
  real.now += 2000;
  const task = await get(app, token, '/api/tasks/task-1');
  const m =
    /<Link Href="([^"]+\/api\/jobs\/([0-9a-f-]{36})\?format=Entity)" Name="Oracle Backup 01" Type="Job" Rel="Related" \/>/.exec(
      task.body,
    );
  t.ok(m, 'the finished task links the new job');
  t.match(
    task.body,
    /<State>Finished<\/State><Operation>CloneJob<\/Operation><Result Success="true"><Message>Ok<\/Message><\/Result>/,
  );
  const clone = await json(app, token, `/api/jobs/${m![2]}?format=Entity`);
  t.match(clone, {
    Name: 'Oracle Backup 01',
    JobType: 'Backup',
    Platform: 'VMware',
    Description: 'Cloned Oracle backup job',
    ScheduleEnabled: true,
  });
  t.equal(m![1], `${BASE}/api/jobs/${m![2]}?format=Entity`);
  const backup = (
    (await json(app, token, '/api/backups?format=Entity')) as { Backups: { Name: string; UID: string }[] }
  ).Backups.find((b) => b.Name === 'Oracle Backup 01');
  t.ok(backup, 'the clone writes to a backup of its own, named by FolderName');
  // The clone runs like any job; its first run is a full.
  await act(app, token, `/api/jobs/${m![2]}?action=start`);
  real.now += 30 * 60_000;
  const t2 = await logon(app);
  const files = (await json(app, t2, `/api/backups/${guid(backup!.UID)}/restorePoints`)) as { Refs: unknown[] };
  t.equal(files.Refs.length, 1);
  await app.close();
});

t.test('clone with JSON (no root wrapper, member names in any case) for a replication job', async (t) => {
  const { app, real } = await build();
  const token = await logon(app);
  const replica = ((await json(app, token, '/api/jobs')) as { Refs: { UID: string; Name: string }[] }).Refs.find(
    (r) => r.Name === REPLICA_NAME,
  )!;
  const res = await act(app, token, `/api/jobs/${guid(replica.UID)}?action=clone`, {
    fmt: 'json',
    body: { ReplicaJobCloneInfo: { jobName: 'Replication clone', VmSuffix: '_replica' } },
  });
  t.equal(res.statusCode, 202);
  real.now += 2000;
  const task = await json(app, token, '/api/tasks/task-1');
  const related = (task.Links as { Rel: string; Href: string }[]).find((l) => l.Rel === 'Related')!;
  const clone = await json(app, token, related.Href.replace(BASE, ''));
  t.match(clone, { Name: 'Replication clone', JobType: 'Replica' });
  await app.close();
});

const BAD_CLONES: [string, { body?: string | object; contentType?: string }, string][] = [
  ['no body', {}, 'The request needs a JobCloneSpec body (XML or JSON).'],
  [
    'malformed XML',
    { body: `<JobCloneSpec ${EM_NS}><BackupJobCloneInfo></JobCloneSpec>` },
    'The request body is not well-formed XML: </JobCloneSpec> closes <BackupJobCloneInfo>. Expected a JobCloneSpec document.',
  ],
  [
    'another document',
    { body: `<RestoreSpec ${EM_NS}/>` },
    'The request body must be a JobCloneSpec document, not RestoreSpec.',
  ],
  [
    'no namespace',
    { body: '<JobCloneSpec><BackupJobCloneInfo/></JobCloneSpec>' },
    "The JobCloneSpec element must be in EM's namespace http://www.veeam.com/ent/v1.0.",
  ],
  [
    'malformed JSON',
    { body: '{"BackupJobCloneInfo":', contentType: 'application/json' },
    'The request body is not valid JSON',
  ],
  ['a JSON array', { body: [1] }, 'The request body must be a JSON object (JobCloneSpec).'],
  [
    'the wrong clone info',
    { body: { ReplicaJobCloneInfo: { JobName: 'x', VmSuffix: 'y' } } },
    'JobCloneSpec.BackupJobCloneInfo is required to clone the Backup job "vSphere Backup 1".',
  ],
  [
    'clone info that is not an element',
    { body: { BackupJobCloneInfo: 'x' } },
    'JobCloneSpec.BackupJobCloneInfo must be an element with members, got "x".',
  ],
  [
    'no JobName',
    { body: { BackupJobCloneInfo: { FolderName: 'f' } } },
    'JobCloneSpec.BackupJobCloneInfo.JobName is required.',
  ],
  [
    'an empty JobName',
    { body: `<JobCloneSpec ${EM_NS}><BackupJobCloneInfo><JobName> </JobName></BackupJobCloneInfo></JobCloneSpec>` },
    'JobCloneSpec.BackupJobCloneInfo.JobName must not be empty.',
  ],
  [
    'a JobName too long',
    { body: { BackupJobCloneInfo: { JobName: 'x'.repeat(51) } } },
    'JobCloneSpec.BackupJobCloneInfo.JobName must be at most 50 characters long.',
  ],
  [
    'a JobName of the wrong type',
    { body: { BackupJobCloneInfo: { JobName: 5 } } },
    'JobCloneSpec.BackupJobCloneInfo.JobName must be a string, got 5.',
  ],
  [
    'a taken JobName',
    { body: { BackupJobCloneInfo: { JobName: 'vsphere backup 1' } } },
    'JobCloneSpec.BackupJobCloneInfo.JobName: a job named "vsphere backup 1" already exists on vbr01.tech.local.',
  ],
  [
    'no FolderName',
    { body: { BackupJobCloneInfo: { JobName: 'n' } } },
    'JobCloneSpec.BackupJobCloneInfo.FolderName is required.',
  ],
  [
    'a RepositoryUid that is no UID',
    { body: { BackupJobCloneInfo: { JobName: 'n', FolderName: 'f', RepositoryUid: 'repo' } } },
    'JobCloneSpec.BackupJobCloneInfo.RepositoryUid must be a Repository UID (urn:veeam:Repository:<guid>), got "repo".',
  ],
  [
    'an unknown repository',
    {
      body: {
        BackupJobCloneInfo: {
          JobName: 'n',
          FolderName: 'f',
          RepositoryUid: 'urn:veeam:Repository:00000000-0000-0000-0000-000000000000',
        },
      },
    },
    'JobCloneSpec.BackupJobCloneInfo.RepositoryUid: there is no repository 00000000-0000-0000-0000-000000000000 on vbr01.tech.local.',
  ],
  [
    'an element outside the namespace',
    { body: `<JobCloneSpec ${EM_NS}><BackupJobCloneInfo xmlns="urn:other"/></JobCloneSpec>` },
    "The element BackupJobCloneInfo must be in EM's namespace http://www.veeam.com/ent/v1.0.",
  ],
];

t.test(
  'a refused clone is a 400 EM Error naming the member and why, in XML and JSON, and changes nothing',
  async (t) => {
    const { app } = await build();
    const token = await logon(app);
    const before = await snapshot(app, token);
    for (const [what, sent, message] of BAD_CLONES) {
      const res = await act(app, token, `/api/jobs/${JOB}?action=clone`, { ...sent, fmt: 'json' });
      t.equal(res.statusCode, 400, what);
      t.equal(res.headers['content-type'], 'application/json', what);
      const err = JSON.parse(res.body) as { Message: string; StatusCode: number };
      t.ok(err.Message.startsWith(message), `${what}: ${err.Message}`);
      t.equal(err.StatusCode, 400);
    }
    const xml = await act(app, token, `/api/jobs/${JOB}?action=clone`, {
      body: { BackupJobCloneInfo: { JobName: 5 } },
    });
    matchExpected(t, xml.body, 'actions/clone-error-wrong-type', 'xml');
    t.same(await snapshot(app, token), before);
    await app.close();
  },
);

t.test('the action parameter, unknown ids and methods', async (t) => {
  const { app } = await build();
  const token = await logon(app);
  const before = await snapshot(app, token);
  const cases: [string, string, number, string][] = [
    [
      'POST',
      `/api/jobs/${JOB}`,
      400,
      'POST to a job needs an action query parameter: one of start, stop, retry, clone, toggleScheduleEnabled.',
    ],
    [
      'POST',
      `/api/jobs/${JOB}?action=explode`,
      400,
      'Unknown action "explode" for a job: expected one of start, stop, retry, clone, toggleScheduleEnabled.',
    ],
    [
      'POST',
      '/api/jobs/00000000-0000-0000-0000-000000000000?action=start',
      404,
      'The job 00000000-0000-0000-0000-000000000000 does not exist.',
    ],
    ['DELETE', '/api/jobs/not-a-guid', 404, 'The job id "not-a-guid" is neither a GUID nor a Job UID.'],
    [
      'POST',
      '/api/vmRestorePoints/00000000-0000-0000-0000-000000000000?action=restore',
      404,
      'The vm restore point 00000000-0000-0000-0000-000000000000 does not exist.',
    ],
  ];
  for (const [method, url, status, message] of cases) {
    const res = await act(app, token, url, { method: method as 'POST', fmt: 'json' });
    t.equal(res.statusCode, status, url);
    t.equal(JSON.parse(res.body).Message, message);
  }
  const put = await act(app, token, `/api/jobs/${JOB}?action=start`, { method: 'PUT' });
  t.equal(put.statusCode, 405);
  t.equal(put.headers.allow, 'GET, HEAD, POST, DELETE');
  const tasks = await act(app, token, '/api/tasks', { method: 'POST' });
  t.equal(tasks.statusCode, 405);
  t.equal(tasks.headers.allow, 'GET, HEAD');
  t.equal((await app.inject({ method: 'POST', url: `/api/jobs/${JOB}?action=start` })).statusCode, 401);
  t.same(await snapshot(app, token), before);
  await app.close();
});

t.test('backup copy clones take JobFileName; replica runs are replica sessions', async (t) => {
  const { app, real } = await build();
  const token = await logon(app);
  const jobs = (await json(app, token, '/api/jobs')) as { Refs: { UID: string; Name: string }[] };
  const copy = guid(jobs.Refs.find((r) => r.Name === 'vSphere Backup Copy 1')!.UID);
  const repos = (await json(app, token, '/api/repositories?format=Entity')) as {
    Repositories: { UID: string; Name: string; Links: { Name: string }[] }[];
  };
  const linux = repos.Repositories.find(
    (r) => r.Name === 'Linux Hardened Repository' && r.Links.some((l) => l.Name === 'vbr01.tech.local'),
  )!;
  const missing = await act(app, token, `/api/jobs/${copy}?action=clone`, {
    fmt: 'json',
    body: { BackupCopyJobCloneInfo: { JobName: 'Copy clone', RepositoryUid: linux.UID } },
  });
  t.equal(JSON.parse(missing.body).Message, 'JobCloneSpec.BackupCopyJobCloneInfo.JobFileName is required.');
  const res = await act(app, token, `/api/jobs/${copy}?action=clone`, {
    body: `<JobCloneSpec ${EM_NS}><BackupCopyJobCloneInfo><JobName>Copy clone</JobName><JobFileName>Copy clone file</JobFileName><RepositoryUid>${linux.UID}</RepositoryUid></BackupCopyJobCloneInfo></JobCloneSpec>`,
  });
  t.equal(res.statusCode, 202);
  const backups = (await json(app, token, '/api/backups')) as { Refs: { Name: string }[] };
  t.ok(backups.Refs.some((b) => b.Name === 'Copy clone file'));
  const replica = guid(jobs.Refs.find((r) => r.Name === 'Hyper-V Replication 1')!.UID);
  await act(app, token, `/api/jobs/${replica}?action=start`);
  real.now += 2000;
  const task = (await json(app, token, '/api/tasks/task-2')) as {
    Links: { Rel: string; Type: string; Href: string }[];
  };
  const related = task.Links.find((l) => l.Rel === 'Related')!;
  t.equal(related.Type, 'ReplicaJobSession');
  t.match(related.Href, /\/api\/replicaSessions\/[0-9a-f-]{36}\?format=Entity$/);
  const session = (await json(app, token, related.Href.replace(BASE, ''))) as { UID: string; State: string };
  t.equal(session.State, 'Working');
  t.equal(
    ((await json(app, token, `/api/replicaSessions/${guid(session.UID)}/replicaTaskSessions`)) as { Refs: unknown[] })
      .Refs.length,
    1,
  );
  await app.close();
});
