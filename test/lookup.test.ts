import t from 'tap';
import { build, logon, get, HOST } from './helper.js';
import { tinyStore, SERVER } from './fixtures.js';
import type { HierarchyRoot, Vm } from '../data/model.js';
import { hierarchyObjRef } from '../data/model.js';
import { OBJECT_TYPES, inventoryOf } from '../data/inventory.js';
import { lookup, nameMatches } from '../src/resources/lookupQuery.js';
import { matchExpected } from './expected.js';

// The lookup service, in XML and JSON, against literal expected output. The shapes follow EM's
// samples: /lookupSvc as in the 13.1 get_lookupsvc page (per root, Down links of type
// HierarchyItemList to `lookup?host=urn%3aveeam%3aHierarchyRoot%3a<guid>&name=*&type=<T>`),
// HierarchyItems as in lookup_query / get_lookup (`<HierarchyItem Type="HierarchyItem">` with
// ObjectRef, ObjectType, ObjectName). The DNS and DC VMs and their object refs are the docs' own.

/** The tiny fixture plus a Cloud Director and a Hyper-V root, each with the VM of a docs sample. */
const VCD: HierarchyRoot = {
  id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
  name: 'vcd1.tech.local',
  platform: 'vCloud',
  backupServer: SERVER,
};
const HV: HierarchyRoot = {
  id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
  name: 'hv-cluster1.tech.local',
  platform: 'HyperV',
  backupServer: SERVER,
};
const DC: Vm = {
  name: 'DC',
  root: VCD,
  objectRef: 'urn:vcloud:vm:340be4d6-8657-4d70-92d7-41ac6298f688',
  sizeBytes: 2 ** 34,
};
const DNS: Vm = { name: 'DNS', root: HV, objectRef: 'e3e47ce3-ace6-4f06-9aaf-f52cf2e11234', sizeBytes: 2 ** 34 };

function lookupStore() {
  const store = tinyStore();
  store.hierarchyRoots.add(VCD);
  store.hierarchyRoots.add(HV);
  store.vms.push(DC, DNS);
  return store;
}

type Case = [what: string, url: string, status: number];

/** A file name for a case: its description as a slug. */
const slug = (what: string) =>
  what
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

// Each case's bodies are test/expected/lookup/<what as a slug>.{xml,json}.
const CASES: Case[] = [
  ['the lookup service', '/api/lookupSvc', 200],
  [
    'Hyper-V hosts of a cluster',
    '/api/lookup?host=urn:veeam:HierarchyRoot:bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb&name=*&type=host',
    200,
  ],
  [
    'a Hyper-V VM by name, any case (docs sample)',
    '/api/lookup?host=urn:veeam:HierarchyRoot:bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb&name=dns&type=vm',
    200,
  ],
  [
    'a Cloud Director VM by name (docs sample)',
    '/api/lookup?host=urn:veeam:HierarchyRoot:aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa&name=DC&type=Vm',
    200,
  ],
  [
    'a Cloud Director VM by hierarchyRef (docs sample)',
    '/api/lookup?hierarchyRef=urn:vCloud:Vm:aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa.urn:vcloud:vm:340be4d6-8657-4d70-92d7-41ac6298f688',
    200,
  ],
  [
    'a browse link of /lookupSvc (encoded host)',
    '/api/lookup?host=urn%3aveeam%3aHierarchyRoot%3a22222222-2222-4222-8222-222222222222&name=*&type=Tag',
    200,
  ],
  [
    'a wildcard name, bare GUID host (VMware)',
    '/api/lookup?host=22222222-2222-4222-8222-222222222222&name=WEB*&type=VM',
    200,
  ],
  [
    'a type the platform lacks: empty',
    '/api/lookup?host=urn:veeam:HierarchyRoot:22222222-2222-4222-8222-222222222222&name=*&type=Organization',
    200,
  ],
  [
    'a hierarchyRef in any case (docs prose spelling)',
    '/api/lookup?hierarchyRef=urn:Hyperv:vm:BBBBBBBB-BBBB-4BBB-8BBB-BBBBBBBBBBBB.E3E47CE3-ACE6-4F06-9AAF-F52CF2E11234',
    200,
  ],
  ['no parameters', '/api/lookup', 400],
  ['name missing', '/api/lookup?host=urn:veeam:HierarchyRoot:22222222-2222-4222-8222-222222222222&type=Vm', 400],
  [
    'an unknown type',
    '/api/lookup?host=urn:veeam:HierarchyRoot:22222222-2222-4222-8222-222222222222&name=*&type=Widget',
    400,
  ],
  ['a host that is not a UID', '/api/lookup?host=vcsa1.tech.local&name=*&type=Vm', 400],
  [
    'an unknown host',
    '/api/lookup?host=urn:veeam:HierarchyRoot:99999999-9999-4999-8999-999999999999&name=*&type=Vm',
    404,
  ],
  ['a malformed hierarchyRef', '/api/lookup?hierarchyRef=vm-1001', 400],
  ['an unknown platform', '/api/lookup?hierarchyRef=urn:Xen:Vm:22222222-2222-4222-8222-222222222222.vm-1001', 400],
  [
    'a type of another platform',
    '/api/lookup?hierarchyRef=urn:VMware:Organization:22222222-2222-4222-8222-222222222222.x',
    400,
  ],
  [
    'a root of another platform',
    '/api/lookup?hierarchyRef=urn:HyperV:Vm:22222222-2222-4222-8222-222222222222.vm-1001',
    404,
  ],
  ['an unknown object', '/api/lookup?hierarchyRef=urn:VMware:Vm:22222222-2222-4222-8222-222222222222.vm-9999', 404],
];

t.test('lookup shapes and errors (literal bodies and headers)', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  app.store = lookupStore();
  const token = await logon(app);
  for (const [what, url, status] of CASES) {
    for (const fmt of ['xml', 'json'] as const) {
      const res = await get(app, token, url, fmt);
      t.equal(res.statusCode, status, `${what} (${fmt}): status`);
      t.equal(
        res.headers['content-type'],
        fmt === 'json' ? 'application/json' : 'application/xml',
        `${what} (${fmt}): media type`,
      );
      t.equal(res.headers['content-length'], String(Buffer.byteLength(res.body)), `${what} (${fmt}): length`);
      matchExpected(t, res.body, `lookup/${slug(what)}`, fmt, `${what} (${fmt})`);
    }
  }
});

t.test('parameter names in any case; hierarchyRef wins over host, name and type', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  app.store = lookupStore();
  const token = await logon(app);
  const names = async (url: string) => {
    const res = await get(app, token, url, 'json');
    t.equal(res.statusCode, 200, url);
    return (JSON.parse(res.body).HierarchyItems as { ObjectName: string }[]).map((i) => i.ObjectName);
  };
  t.same(await names(`/api/lookup?HOST=${HV.id}&Name=d*&TYPE=vm`), ['DNS']);
  t.same(await names(`/api/lookup?hierarchyref=${hierarchyObjRef(DC)}&host=nonsense&type=Widget`), ['DC']);
  // `*` is the only wildcard: other pattern characters match themselves.
  t.same(await names(`/api/lookup?host=${HV.id}&name=D.S&type=Vm`), []);
  t.same(await names(`/api/lookup?host=${HV.id}&name=*N*&type=Vm`), ['DNS']);
  t.same(await names(`/api/lookup?host=${HV.id}&name=*&type=VmGroup`), ['hv-cluster1-sql-tier']);
  // A root without VMs still has its containers; a vCD root without VMs has no vApps.
  const empty: HierarchyRoot = { ...VCD, id: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc', name: 'vcd9.tech.local' };
  app.store.hierarchyRoots.add(empty);
  t.same(await names(`/api/lookup?host=${empty.id}&name=*&type=Vm`), []);
  t.same(await names(`/api/lookup?host=${empty.id}&name=*&type=Vapp`), []);
  t.same(await names(`/api/lookup?host=${empty.id}&name=*&type=Organization`), ['vcd9-org']);
  const notGuid = await get(app, token, '/api/lookup?hierarchyRef=urn:VMware:Vm:vcsa1.vm-1001', 'json');
  t.equal(notGuid.statusCode, 400, 'the root part of a hierarchyRef must be a GUID');
  t.match(JSON.parse(notGuid.body).Message, /is not a HierarchyObjRef/);
  // A long bad value is cut short in the message.
  const long = await get(app, token, `/api/lookup?hierarchyRef=${'x'.repeat(300)}`, 'json');
  t.equal(long.statusCode, 400);
  t.equal(
    JSON.parse(long.body).Message,
    `hierarchyRef "${'x'.repeat(120)}…" is not a HierarchyObjRef (urn:<Platform>:<Type>:<HierarchyRootId>.<ObjectRef>).`,
  );
});

t.test('authentication and methods', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  const token = await logon(app);
  for (const url of ['/api/lookupSvc', `/api/lookup?host=${HV.id}&name=*&type=Vm`]) {
    const anon = await app.inject({ method: 'GET', url, headers: { host: HOST } });
    t.equal(anon.statusCode, 401, `${url} needs a logon session`);
    for (const method of ['POST', 'PUT', 'DELETE'] as const) {
      const res = await app.inject({
        method,
        url,
        headers: { host: HOST, 'x-restsvcsessionid': token, accept: 'application/json' },
      });
      t.equal(res.statusCode, 405, `${method} ${url}`);
      t.equal(res.headers.allow, 'GET, HEAD', `${method} ${url}: Allow`);
      t.equal(JSON.parse(res.body).StatusCode, 405);
    }
  }
});

t.test('consistency: every VM restore point resolves through the lookup service to its VM', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  const token = await logon(app);
  const refs = new Map<string, Vm>();
  for (const p of app.store.vmRestorePoints.all()) refs.set(hierarchyObjRef(p.vm), p.vm);
  t.ok(refs.size > 20, `${refs.size} distinct VMs have restore points`);
  const platforms = new Set<string>();
  for (const [ref, vm] of refs) {
    platforms.add(vm.root.platform);
    const byRef = JSON.parse(
      (await get(app, token, `/api/lookup?hierarchyRef=${encodeURIComponent(ref)}`, 'json')).body,
    );
    t.same(
      byRef.HierarchyItems.map((i: { ObjectRef: string }) => i.ObjectRef),
      [ref],
      `${ref} by hierarchyRef`,
    );
    t.equal(byRef.HierarchyItems[0].ObjectName, vm.name);
    const byName = JSON.parse(
      (
        await get(
          app,
          token,
          `/api/lookup?host=urn:veeam:HierarchyRoot:${vm.root.id}&name=${encodeURIComponent(vm.name)}&type=Vm`,
          'json',
        )
      ).body,
    );
    t.same(
      byName.HierarchyItems.map((i: { ObjectRef: string }) => i.ObjectRef),
      [ref],
      `${vm.name} by name on ${vm.root.name}`,
    );
  }
  t.same([...platforms].sort(), ['HyperV', 'VMware', 'vCloud'], 'restore points of every platform were checked');
  // Restore tooling then asks the query service for that VM's points by the ObjectRef it found.
  const perPlatform = new Map<string, [string, Vm]>();
  for (const [ref, vm] of refs) if (!perPlatform.has(vm.root.platform)) perPlatform.set(vm.root.platform, [ref, vm]);
  for (const [ref, vm] of perPlatform.values()) {
    const expected = app.store.vmRestorePoints
      .all()
      .filter((p) => p.vm === vm && p.creationTime <= app.clock.now()).length;
    for (const fmt of ['json', 'xml'] as const) {
      // Clients send the URN quoted, in any case; the value is compared case-insensitively like every string field.
      const query = `/api/query?type=VmRestorePoint&filter=${encodeURIComponent(`HierarchyObjRef=="${fmt === 'xml' ? ref.toLowerCase() : ref}"`)}&pageSize=1000`;
      const res = await get(app, token, query, fmt);
      t.equal(res.statusCode, 200, query);
      const uids =
        fmt === 'json'
          ? JSON.parse(res.body).Refs.Refs.map((r: { UID: string }) => r.UID)
          : [...res.body.matchAll(/<Ref UID="/g)];
      t.equal(uids.length, expected, `${vm.name}: ${expected} restore points by HierarchyObjRef (${fmt})`);
    }
  }
});

t.test('the inventory: every object resolves by its own ref, refs are unique per root', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  const inventory = inventoryOf(app.store);
  t.equal(inventory, inventoryOf(app.store), 'built once per store');
  t.equal(inventory.size, app.store.hierarchyRoots.size, 'one inventory per root');
  for (const { root, objects } of inventory.values()) {
    const types = new Set(objects.map((o) => o.type));
    for (const type of types) t.ok(OBJECT_TYPES[root.platform].includes(type), `${type} is a ${root.platform} type`);
    t.equal(new Set(objects.map((o) => o.ref)).size, objects.length, `${root.name}: refs unique`);
    for (const o of objects) t.same(lookup(app.store, { hierarchyRef: o.ref }), [o]);
    const vms = app.store.vms.filter((vm) => vm.root === root).map(hierarchyObjRef);
    t.same(
      objects.filter((o) => o.type === 'Vm').map((o) => o.ref),
      vms,
      `${root.name}: its VMs, in order`,
    );
  }
  // A store that grows (an estate replaced in place) gets its inventory rebuilt.
  const before = inventoryOf(app.store);
  app.store.vms.push({ ...app.store.vms[0]!, name: 'late-vm', objectRef: 'vm-99999' });
  t.not(inventoryOf(app.store), before, 'rebuilt after the estate grew');
  t.ok(lookup(app.store, { hierarchyRef: hierarchyObjRef(app.store.vms.at(-1)!) }).length === 1, 'the new VM is found');
});

t.test('an estate from a dataset file gets its inventory too; the same seed gives the same answers', async (t) => {
  const example = new URL('../data/example-dataset.json', import.meta.url).pathname;
  const bodies: string[] = [];
  for (let run = 0; run < 2; run++) {
    const { app } = await build({ dataFile: example });
    const token = await logon(app);
    const svc = JSON.parse((await get(app, token, '/api/lookupSvc', 'json')).body);
    const roots = app.store.hierarchyRoots.all();
    t.equal(svc.Links.length, 1 + 3 + 6 + 2, 'Up, then 3 vCenter, 6 Cloud Director and 2 Hyper-V browse links');
    const db = app.store.vms.find((vm) => vm.name === 'db-01')!;
    const res = await get(app, token, `/api/lookup?host=${db.root.id}&name=DB-01&type=vm`, 'json');
    t.same(
      JSON.parse(res.body).HierarchyItems.map((i: { ObjectRef: string }) => i.ObjectRef),
      [`urn:VMware:Vm:${db.root.id}.vm-2001`],
      'the objectRef the file gave',
    );
    for (const l of svc.Links.slice(1))
      bodies.push((await get(app, token, new URL(l.Href).pathname + new URL(l.Href).search, 'xml')).body);
    t.equal(roots.length, 3);
    await app.close();
  }
  t.same(bodies.slice(0, bodies.length / 2), bodies.slice(bodies.length / 2), 'byte-identical lookups in two runs');
});

t.test('name patterns: * is the only wildcard, case is ignored, many stars stay cheap', async (t) => {
  const cases: [pattern: string, name: string, matches: boolean][] = [
    ['*', '', true],
    ['*', 'web-101', true],
    ['web-101', 'WEB-101', true],
    ['web', 'web-101', false],
    ['web*', 'web-101', true],
    ['*101', 'web-101', true],
    ['*-1*1', 'web-101', true],
    ['w*b*1*1', 'web-101', true],
    ['w*x*', 'web-101', false],
    ['web-1?1', 'web-101', false],
    ['web-1.1', 'web-101', false],
    ['**', 'a', true],
    ['', 'a', false],
    ['a*', '', false],
  ];
  for (const [pattern, name, matches] of cases) t.equal(nameMatches(pattern, name), matches, `${pattern} ~ ${name}`);
  // CPU time, not wall time: a loaded machine stretches the second, not the first.
  const started = process.cpuUsage();
  t.equal(nameMatches(`${'*a'.repeat(2000)}b`, 'a'.repeat(5000)), false);
  const used = process.cpuUsage(started);
  t.ok(used.user + used.system < 2_000_000, 'a pathological pattern answers in well under 2 s of CPU');
});
