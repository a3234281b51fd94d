import t from 'tap';
import { build, get, logon, BASE } from './helper.js';
import { act, guid, EM_NS } from './actionHelper.js';

type App = Awaited<ReturnType<typeof build>>['app'];
const json = async (app: App, token: string, url: string) =>
  JSON.parse((await get(app, token, url, 'json')).body) as Record<string, unknown>;
const MIN = 60_000;

/** The newest VM restore point of a platform's first VM (from the primary backup job). */
async function pointOf(app: App, token: string, platform: 'VMware' | 'HyperV' | 'vCloud'): Promise<string> {
  const ref = { VMware: 'urn:VMware:Vm:', HyperV: 'urn:HyperV:Vm:', vCloud: 'urn:vCloud:Vm:' }[platform];
  const q = (await json(
    app,
    token,
    `/api/query?type=VmRestorePoint&format=Entities&sortDesc=CreationTime&pageSize=200`,
  )) as {
    Entities: { VmRestorePoints: { VmRestorePoints: { UID: string; HierarchyObjRef: string }[] } };
  };
  return guid(q.Entities.VmRestorePoints.VmRestorePoints.find((p) => p.HierarchyObjRef.startsWith(ref))!.UID);
}

const VSPHERE_SPEC = `<?xml version="1.0" encoding="utf-8"?><RestoreSpec ${EM_NS}><VmRestoreSpec><PowerOnAfterRestore>true</PowerOnAfterRestore><QuickRollback>false</QuickRollback></VmRestoreSpec></RestoreSpec>`;

t.test(
  'restore starts a RestoreVm session: listed at once, queryable by uid, ends on the clock; the task links it',
  async (t) => {
    const { app, real } = await build();
    const token = await logon(app);
    const point = await pointOf(app, token, 'VMware');
    app.control.setOutcomes({ restore: { result: 'Warning', duration: '20m' } });
    const res = await act(app, token, `/api/vmRestorePoints/${point}?action=restore`, { body: VSPHERE_SPEC });
    t.equal(res.statusCode, 202);
    t.match(res.body, /<TaskId>task-1<\/TaskId><State>Running<\/State><Operation>StartVMRestore<\/Operation><\/Task>$/);
    const list = (await json(app, token, '/api/restoreSessions?format=Entity')) as {
      RestoreSessions: Record<string, unknown>[];
    };
    const s = list.RestoreSessions.at(-1)!;
    t.match(s, { JobType: 'RestoreVm', State: 'Working', Result: 'None', CreationTimeUTC: '2026-11-29T12:00:00Z' });
    const id = guid(s.UID as string);
    for (const filter of [`uid==${id}`, `uid=="urn:veeam:RestoreSession:${id}"`]) {
      const q = (await json(app, token, `/api/query?type=RestoreSession&filter=${encodeURIComponent(filter)}`)) as {
        Refs: { Refs: { UID: string }[] };
      };
      t.same(
        q.Refs.Refs.map((r) => guid(r.UID)),
        [id],
        filter,
      );
    }
    real.now += 2000;
    const task = await json(app, token, '/api/tasks/task-1');
    t.same(task.Links, [
      { Rel: 'Delete', Href: `${BASE}/api/tasks/task-1`, Name: null, Type: 'Task' },
      { Rel: 'Related', Href: `${BASE}/api/restoreSessions/${id}?format=Entity`, Name: null, Type: 'RestoreSession' },
    ]);
    t.match(task, { State: 'Finished', Result: { Success: true, Message: 'Ok' } });
    real.now += 20 * MIN;
    const fresh = await logon(app);
    t.match(await json(app, fresh, `/api/restoreSessions/${id}?format=Entity`), {
      State: 'Stopped',
      Result: 'Warning',
      EndTimeUTC: '2026-11-29T12:20:00Z',
    });
    await app.close();
  },
);

t.test('a Cloud Director restore takes the JSON RestoreSpec the docs show', async (t) => {
  const { app } = await build();
  const token = await logon(app);
  const point = await pointOf(app, token, 'vCloud');
  const roots = (await json(app, token, '/api/hierarchyRoots')) as { Refs: { UID: string; Name: string }[] };
  const vcd = roots.Refs.find((r) => r.Name === 'vcd1.tech.local')!.UID;
  const spec = (extra: object) => ({
    VmRestoreSpec: { PowerOnAfterRestore: false, HierarchyRootUid: vcd, QuickRollback: false, ...extra },
  });
  const ok = await act(app, token, `/api/vmRestorePoints/${point}?action=restore`, {
    fmt: 'json',
    body: spec({
      VmRestoreParameters: {
        VmRestorePointUid: `urn:veeam:VmRestorePoint:${point}`,
        VmNewName: 'VM-restored',
        LinkedCloneVmTemplateRef: '',
      },
    }),
  });
  t.equal(ok.statusCode, 202);
  t.match(JSON.parse(ok.body), { Operation: 'StartVMRestore', State: 'Running' });
  const bad: [object, string][] = [
    [{ VmRestoreSpec: { PowerOnAfterRestore: false } }, 'RestoreSpec.VmRestoreSpec.HierarchyRootUid is required.'],
    [
      spec({ HierarchyRootUid: 'urn:veeam:HierarchyRoot:00000000-0000-0000-0000-000000000000' }),
      'RestoreSpec.VmRestoreSpec.HierarchyRootUid: there is no Cloud Director hierarchy root 00000000-0000-0000-0000-000000000000.',
    ],
    [
      spec({
        VmRestoreParameters: { VmRestorePointUid: 'urn:veeam:VmRestorePoint:00000000-0000-0000-0000-000000000000' },
      }),
      `RestoreSpec.VmRestoreSpec.VmRestoreParameters.VmRestorePointUid must name the restore point being restored (${point}).`,
    ],
  ];
  for (const [body, message] of bad) {
    const res = await act(app, token, `/api/vmRestorePoints/${point}?action=restore`, { fmt: 'json', body });
    t.equal(res.statusCode, 400);
    t.equal(JSON.parse(res.body).Message, message);
  }
  await app.close();
});

t.test('a refused restore spec is a 400 naming the member, and starts nothing', async (t) => {
  const { app } = await build();
  const token = await logon(app);
  const point = await pointOf(app, token, 'HyperV');
  const before = (await get(app, token, '/api/restoreSessions')).body;
  const cases: [string | object, string][] = [
    [{}, 'RestoreSpec.VmRestoreSpec is required.'],
    [{ VmRestoreSpec: { QuickRollback: false } }, 'RestoreSpec.VmRestoreSpec.PowerOnAfterRestore is required.'],
    [
      { VmRestoreSpec: { PowerOnAfterRestore: 'yes', QuickRollback: false } },
      'RestoreSpec.VmRestoreSpec.PowerOnAfterRestore must be true or false, got "yes".',
    ],
    [{ VmRestoreSpec: { PowerOnAfterRestore: true } }, 'RestoreSpec.VmRestoreSpec.QuickRollback is required.'],
    [
      `<RestoreSpec ${EM_NS}><VmRestoreSpec><PowerOnAfterRestore>1</PowerOnAfterRestore><QuickRollback>true</QuickRollback><KeepOriginalVM>true</KeepOriginalVM></VmRestoreSpec></RestoreSpec>`,
      'RestoreSpec.VmRestoreSpec.QuickRollback must be false when KeepOriginalVM is true.',
    ],
    [
      `<RestoreSpec ${EM_NS}><VmRestoreSpec><PowerOnAfterRestore>maybe</PowerOnAfterRestore></VmRestoreSpec></RestoreSpec>`,
      'RestoreSpec.VmRestoreSpec.PowerOnAfterRestore must be true or false, got "maybe".',
    ],
  ];
  for (const [body, message] of cases) {
    const res = await act(app, token, `/api/vmRestorePoints/${point}?action=restore`, { fmt: 'json', body });
    t.equal(res.statusCode, 400);
    t.equal(JSON.parse(res.body).Message, message);
  }
  const wrongAction = await act(app, token, `/api/vmRestorePoints/${point}?action=mount`, { fmt: 'json', body: {} });
  t.equal(
    JSON.parse(wrongAction.body).Message,
    'Unknown action "mount" for a VM restore point: expected one of restore.',
  );
  t.equal((await get(app, token, '/api/restoreSessions')).body, before);
  t.equal(app.store.tasks.length, 0);
  await app.close();
});
