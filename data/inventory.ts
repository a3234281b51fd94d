import { Rng } from './random.js';
import { hierarchyRef, type HierarchyRoot, type Platform, type Vm } from './model.js';
import type { Store } from './store.js';

/**
 * The virtual infrastructure behind each hierarchy root, as EM's lookup service sees it: the
 * root's VMs plus the containers and objects around them (hosts, clusters, datastores, folders,
 * resource pools, tags, vApps, organizations…). Derived from the roots and VMs the store holds,
 * so a generated estate and one loaded from a dataset file both get one, and a VM here is the
 * very object the restore points name.
 */

/** The object types EM's docs list for each platform, in EM's spelling (`Vm`, not `VM`). */
export const OBJECT_TYPES: Record<Platform, readonly string[]> = {
  VMware: [
    'Vm',
    'Host',
    'Cluster',
    'Template',
    'VirtualApp',
    'Vc',
    'Datacenter',
    'Folder',
    'Datastore',
    'ComputeResource',
    'ResourcePool',
    'Tag',
    'Category',
    'StoragePod',
  ],
  // The 13.1 /lookupSvc sample also browses Cloud Director datastores and storage profiles.
  vCloud: [
    'VcdSystem',
    'Organization',
    'OrgVdc',
    'Vapp',
    'Vm',
    'VappTemplate',
    'VmTemplate',
    'Datastore',
    'OrgVdcStorageProfile',
  ],
  HyperV: ['Vm', 'Host', 'Cluster', 'Scvmm', 'HostGroup', 'VmGroup'],
};

/** What `/lookupSvc` links to for each root, per platform, in the order of EM's 13.1 sample. */
export const BROWSED_TYPES: Record<Platform, readonly string[]> = {
  VMware: ['Vm', 'Tag', 'StoragePod'],
  vCloud: ['Vm', 'Organization', 'OrgVdc', 'Datastore', 'OrgVdcStorageProfile', 'Vapp'],
  HyperV: ['Vm', 'VmGroup'],
};

export interface InventoryObject {
  root: HierarchyRoot;
  /** EM's object type, spelled as in OBJECT_TYPES. */
  type: string;
  name: string;
  /** The platform's own id: a vSphere moref, a Hyper-V GUID, a Cloud Director or vSphere tag urn. */
  objectRef: string;
  /** Its HierarchyObjRef (`urn:<Platform>:<Type>:<root guid>.<objectRef>`). */
  ref: string;
}

export interface RootInventory {
  root: HierarchyRoot;
  objects: InventoryObject[];
}

/** `vcsa1.tech.local` → `vcsa1`: names of a root's objects carry it, so they read apart across roots. */
const label = (root: HierarchyRoot) => root.name.split('.')[0]!;

/** One root's objects: deterministic from the root's own id, so they never shift with the seed's other draws. */
export function rootInventory(root: HierarchyRoot, vms: readonly Vm[]): RootInventory {
  const rng = new Rng(0, 'Inventory', root.id);
  const objects: InventoryObject[] = [];
  const add = (type: string, name: string, objectRef: string) =>
    objects.push({ root, type, name, objectRef, ref: hierarchyRef(root, type, objectRef) });
  const site = label(root);
  // A vCenter numbers its morefs per kind from small integers; VMs (vm-1000 and up) stay clear of these.
  const moref = (prefix: string, k: number) => `${prefix}-${k * 10 + rng.int(1, 9)}`;
  switch (root.platform) {
    case 'VMware': {
      add('Datacenter', `${site}-dc`, moref('datacenter', 1));
      add('Folder', 'Production', moref('group-v', 2));
      add('Cluster', `${site}-cl01`, moref('domain-c', 3));
      for (let k = 1; k <= 3; k++) add('Host', `${site}-esx0${k}.tech.local`, moref('host', 3 + k));
      add('ResourcePool', 'Production', moref('resgroup', 7));
      for (let k = 1; k <= 2; k++) add('Datastore', `${site}-ds0${k}`, moref('datastore', 7 + k));
      add('StoragePod', `${site}-dsc01`, moref('group-p', 10));
      // vSphere tags and categories are named by their vAPI urns.
      add('Category', 'Backup Policy', `urn:vmomi:InventoryServiceCategory:${rng.guid()}:GLOBAL`);
      for (const tag of ['Gold', 'Silver']) add('Tag', tag, `urn:vmomi:InventoryServiceTag:${rng.guid()}:GLOBAL`);
      break;
    }
    case 'vCloud': {
      add('Organization', `${site}-org`, `urn:vcloud:org:${rng.guid()}`);
      add('OrgVdc', `${site}-org-vdc`, `urn:vcloud:vdc:${rng.guid()}`);
      add('OrgVdcStorageProfile', 'Gold Storage Policy', `urn:vcloud:vdcstorageprofile:${rng.guid()}`);
      add('Datastore', `${site}-ds01`, `urn:vcloud:datastore:${rng.guid()}`);
      // The VMs live in two vApps, as tenants group them.
      for (let k = 1; k <= Math.min(2, vms.length); k++)
        add('Vapp', `${site}-vapp0${k}`, `urn:vcloud:vapp:${rng.guid()}`);
      break;
    }
    case 'HyperV': {
      add('Cluster', root.name, rng.guid());
      for (let k = 1; k <= 2; k++) add('Host', `${site}-node0${k}.tech.local`, rng.guid());
      add('VmGroup', `${site}-sql-tier`, rng.guid());
      break;
    }
  }
  for (const vm of vms) add('Vm', vm.name, vm.objectRef);
  return { root, objects };
}

/** Every root's inventory, by root id; memoized per store. */
const built = new WeakMap<Store, { size: string; byRoot: Map<string, RootInventory> }>();

export function inventoryOf(store: Store): Map<string, RootInventory> {
  // Guards against a caller that grows the estate of a live store: then it is built again.
  const size = `${store.hierarchyRoots.size}/${store.vms.length}`;
  const cached = built.get(store);
  if (cached?.size === size) return cached.byRoot;
  const vmsByRoot = new Map<string, Vm[]>();
  for (const vm of store.vms) {
    const list = vmsByRoot.get(vm.root.id) ?? [];
    if (list.length === 0) vmsByRoot.set(vm.root.id, list);
    list.push(vm);
  }
  const byRoot = new Map<string, RootInventory>();
  for (const root of store.hierarchyRoots.all()) byRoot.set(root.id, rootInventory(root, vmsByRoot.get(root.id) ?? []));
  built.set(store, { size, byRoot });
  return byRoot;
}
