import t from 'tap';
import { build, logon, get, HOST } from './helper.js';
import { tinyStore, SERVER } from './fixtures.js';
import type { HierarchyRoot, Vm } from '../data/model.js';
import { hierarchyObjRef } from '../data/model.js';
import { OBJECT_TYPES, inventoryOf } from '../data/inventory.js';
import { lookup, nameMatches } from '../src/resources/lookupQuery.js';

// The lookup service, in XML and JSON, against literal expected output. The shapes follow EM's
// samples: /lookupSvc as in the 13.1 get_lookupsvc page (per root, Down links of type
// HierarchyItemList to `lookup?host=urn%3aveeam%3aHierarchyRoot%3a<guid>&name=*&type=<T>`),
// HierarchyItems as in lookup_query / get_lookup (`<HierarchyItem Type="HierarchyItem">` with
// ObjectRef, ObjectType, ObjectName). The DNS and DC VMs and their object refs are the docs' own.

/** The tiny fixture plus a Cloud Director and a Hyper-V root, each with the VM of a docs sample. */
const VCD: HierarchyRoot = { id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', name: 'vcd1.tech.local', platform: 'vCloud', backupServer: SERVER };
const HV: HierarchyRoot = { id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', name: 'hv-cluster1.tech.local', platform: 'HyperV', backupServer: SERVER };
const DC: Vm = { name: 'DC', root: VCD, objectRef: 'urn:vcloud:vm:340be4d6-8657-4d70-92d7-41ac6298f688', sizeBytes: 2 ** 34 };
const DNS: Vm = { name: 'DNS', root: HV, objectRef: 'e3e47ce3-ace6-4f06-9aaf-f52cf2e11234', sizeBytes: 2 ** 34 };

function lookupStore() {
  const store = tinyStore();
  store.hierarchyRoots.add(VCD);
  store.hierarchyRoots.add(HV);
  store.vms.push(DC, DNS);
  return store;
}

type Case = [what: string, url: string, fmt: 'xml' | 'json', status: number, body: string];

const CASES: Case[] = [
  ["the lookup service", "/api/lookupSvc", "xml", 200, "<?xml version=\"1.0\" encoding=\"utf-8\"?><LookupSvc xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" Href=\"http://em.test:9398/api/lookupSvc\" Type=\"LookupService\" xmlns=\"http://www.veeam.com/ent/v1.0\"><Links><Link Href=\"http://em.test:9398/api/logonSessions/181b4c3d-4126-451f-8f3f-02e7c996b2f4\" Type=\"LogonSession\" Rel=\"Up\" /><Link Href=\"http://em.test:9398/api/lookup?host=urn%3aveeam%3aHierarchyRoot%3a22222222-2222-4222-8222-222222222222&amp;name=*&amp;type=Vm\" Type=\"HierarchyItemList\" Rel=\"Down\" /><Link Href=\"http://em.test:9398/api/lookup?host=urn%3aveeam%3aHierarchyRoot%3a22222222-2222-4222-8222-222222222222&amp;name=*&amp;type=Tag\" Type=\"HierarchyItemList\" Rel=\"Down\" /><Link Href=\"http://em.test:9398/api/lookup?host=urn%3aveeam%3aHierarchyRoot%3a22222222-2222-4222-8222-222222222222&amp;name=*&amp;type=StoragePod\" Type=\"HierarchyItemList\" Rel=\"Down\" /><Link Href=\"http://em.test:9398/api/lookup?host=urn%3aveeam%3aHierarchyRoot%3aaaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa&amp;name=*&amp;type=Vm\" Type=\"HierarchyItemList\" Rel=\"Down\" /><Link Href=\"http://em.test:9398/api/lookup?host=urn%3aveeam%3aHierarchyRoot%3aaaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa&amp;name=*&amp;type=Organization\" Type=\"HierarchyItemList\" Rel=\"Down\" /><Link Href=\"http://em.test:9398/api/lookup?host=urn%3aveeam%3aHierarchyRoot%3aaaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa&amp;name=*&amp;type=OrgVdc\" Type=\"HierarchyItemList\" Rel=\"Down\" /><Link Href=\"http://em.test:9398/api/lookup?host=urn%3aveeam%3aHierarchyRoot%3aaaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa&amp;name=*&amp;type=Datastore\" Type=\"HierarchyItemList\" Rel=\"Down\" /><Link Href=\"http://em.test:9398/api/lookup?host=urn%3aveeam%3aHierarchyRoot%3aaaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa&amp;name=*&amp;type=OrgVdcStorageProfile\" Type=\"HierarchyItemList\" Rel=\"Down\" /><Link Href=\"http://em.test:9398/api/lookup?host=urn%3aveeam%3aHierarchyRoot%3aaaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa&amp;name=*&amp;type=Vapp\" Type=\"HierarchyItemList\" Rel=\"Down\" /><Link Href=\"http://em.test:9398/api/lookup?host=urn%3aveeam%3aHierarchyRoot%3abbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb&amp;name=*&amp;type=Vm\" Type=\"HierarchyItemList\" Rel=\"Down\" /><Link Href=\"http://em.test:9398/api/lookup?host=urn%3aveeam%3aHierarchyRoot%3abbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb&amp;name=*&amp;type=VmGroup\" Type=\"HierarchyItemList\" Rel=\"Down\" /></Links></LookupSvc>"],
  ["the lookup service", "/api/lookupSvc", "json", 200, "{\"Links\":[{\"Rel\":\"Up\",\"Href\":\"http://em.test:9398/api/logonSessions/181b4c3d-4126-451f-8f3f-02e7c996b2f4\",\"Type\":\"LogonSession\"},{\"Rel\":\"Down\",\"Href\":\"http://em.test:9398/api/lookup?host=urn%3aveeam%3aHierarchyRoot%3a22222222-2222-4222-8222-222222222222&name=*&type=Vm\",\"Type\":\"HierarchyItemList\"},{\"Rel\":\"Down\",\"Href\":\"http://em.test:9398/api/lookup?host=urn%3aveeam%3aHierarchyRoot%3a22222222-2222-4222-8222-222222222222&name=*&type=Tag\",\"Type\":\"HierarchyItemList\"},{\"Rel\":\"Down\",\"Href\":\"http://em.test:9398/api/lookup?host=urn%3aveeam%3aHierarchyRoot%3a22222222-2222-4222-8222-222222222222&name=*&type=StoragePod\",\"Type\":\"HierarchyItemList\"},{\"Rel\":\"Down\",\"Href\":\"http://em.test:9398/api/lookup?host=urn%3aveeam%3aHierarchyRoot%3aaaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa&name=*&type=Vm\",\"Type\":\"HierarchyItemList\"},{\"Rel\":\"Down\",\"Href\":\"http://em.test:9398/api/lookup?host=urn%3aveeam%3aHierarchyRoot%3aaaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa&name=*&type=Organization\",\"Type\":\"HierarchyItemList\"},{\"Rel\":\"Down\",\"Href\":\"http://em.test:9398/api/lookup?host=urn%3aveeam%3aHierarchyRoot%3aaaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa&name=*&type=OrgVdc\",\"Type\":\"HierarchyItemList\"},{\"Rel\":\"Down\",\"Href\":\"http://em.test:9398/api/lookup?host=urn%3aveeam%3aHierarchyRoot%3aaaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa&name=*&type=Datastore\",\"Type\":\"HierarchyItemList\"},{\"Rel\":\"Down\",\"Href\":\"http://em.test:9398/api/lookup?host=urn%3aveeam%3aHierarchyRoot%3aaaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa&name=*&type=OrgVdcStorageProfile\",\"Type\":\"HierarchyItemList\"},{\"Rel\":\"Down\",\"Href\":\"http://em.test:9398/api/lookup?host=urn%3aveeam%3aHierarchyRoot%3aaaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa&name=*&type=Vapp\",\"Type\":\"HierarchyItemList\"},{\"Rel\":\"Down\",\"Href\":\"http://em.test:9398/api/lookup?host=urn%3aveeam%3aHierarchyRoot%3abbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb&name=*&type=Vm\",\"Type\":\"HierarchyItemList\"},{\"Rel\":\"Down\",\"Href\":\"http://em.test:9398/api/lookup?host=urn%3aveeam%3aHierarchyRoot%3abbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb&name=*&type=VmGroup\",\"Type\":\"HierarchyItemList\"}],\"Href\":\"http://em.test:9398/api/lookupSvc\",\"Type\":\"LookupService\"}"],
  ["Hyper-V hosts of a cluster", "/api/lookup?host=urn:veeam:HierarchyRoot:bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb&name=*&type=host", "xml", 200, "<?xml version=\"1.0\" encoding=\"utf-8\"?><HierarchyItems xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns=\"http://www.veeam.com/ent/v1.0\"><HierarchyItem Type=\"HierarchyItem\"><ObjectRef>urn:HyperV:Host:bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb.f1e3bb21-1610-48a0-b7ec-8f8eba88d610</ObjectRef><ObjectType>Host</ObjectType><ObjectName>hv-cluster1-node01.tech.local</ObjectName></HierarchyItem><HierarchyItem Type=\"HierarchyItem\"><ObjectRef>urn:HyperV:Host:bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb.0956003e-ab06-4181-9859-b6192cdd0f33</ObjectRef><ObjectType>Host</ObjectType><ObjectName>hv-cluster1-node02.tech.local</ObjectName></HierarchyItem></HierarchyItems>"],
  ["Hyper-V hosts of a cluster", "/api/lookup?host=urn:veeam:HierarchyRoot:bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb&name=*&type=host", "json", 200, "{\"HierarchyItems\":[{\"ObjectRef\":\"urn:HyperV:Host:bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb.f1e3bb21-1610-48a0-b7ec-8f8eba88d610\",\"ObjectType\":\"Host\",\"ObjectName\":\"hv-cluster1-node01.tech.local\",\"Links\":null,\"Href\":null,\"Type\":\"HierarchyItem\"},{\"ObjectRef\":\"urn:HyperV:Host:bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb.0956003e-ab06-4181-9859-b6192cdd0f33\",\"ObjectType\":\"Host\",\"ObjectName\":\"hv-cluster1-node02.tech.local\",\"Links\":null,\"Href\":null,\"Type\":\"HierarchyItem\"}]}"],
  ["a Hyper-V VM by name, any case (docs sample)", "/api/lookup?host=urn:veeam:HierarchyRoot:bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb&name=dns&type=vm", "xml", 200, "<?xml version=\"1.0\" encoding=\"utf-8\"?><HierarchyItems xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns=\"http://www.veeam.com/ent/v1.0\"><HierarchyItem Type=\"HierarchyItem\"><ObjectRef>urn:HyperV:Vm:bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb.e3e47ce3-ace6-4f06-9aaf-f52cf2e11234</ObjectRef><ObjectType>Vm</ObjectType><ObjectName>DNS</ObjectName></HierarchyItem></HierarchyItems>"],
  ["a Hyper-V VM by name, any case (docs sample)", "/api/lookup?host=urn:veeam:HierarchyRoot:bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb&name=dns&type=vm", "json", 200, "{\"HierarchyItems\":[{\"ObjectRef\":\"urn:HyperV:Vm:bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb.e3e47ce3-ace6-4f06-9aaf-f52cf2e11234\",\"ObjectType\":\"Vm\",\"ObjectName\":\"DNS\",\"Links\":null,\"Href\":null,\"Type\":\"HierarchyItem\"}]}"],
  ["a Cloud Director VM by name (docs sample)", "/api/lookup?host=urn:veeam:HierarchyRoot:aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa&name=DC&type=Vm", "xml", 200, "<?xml version=\"1.0\" encoding=\"utf-8\"?><HierarchyItems xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns=\"http://www.veeam.com/ent/v1.0\"><HierarchyItem Type=\"HierarchyItem\"><ObjectRef>urn:vCloud:Vm:aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa.urn:vcloud:vm:340be4d6-8657-4d70-92d7-41ac6298f688</ObjectRef><ObjectType>Vm</ObjectType><ObjectName>DC</ObjectName></HierarchyItem></HierarchyItems>"],
  ["a Cloud Director VM by name (docs sample)", "/api/lookup?host=urn:veeam:HierarchyRoot:aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa&name=DC&type=Vm", "json", 200, "{\"HierarchyItems\":[{\"ObjectRef\":\"urn:vCloud:Vm:aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa.urn:vcloud:vm:340be4d6-8657-4d70-92d7-41ac6298f688\",\"ObjectType\":\"Vm\",\"ObjectName\":\"DC\",\"Links\":null,\"Href\":null,\"Type\":\"HierarchyItem\"}]}"],
  ["a Cloud Director VM by hierarchyRef (docs sample)", "/api/lookup?hierarchyRef=urn:vCloud:Vm:aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa.urn:vcloud:vm:340be4d6-8657-4d70-92d7-41ac6298f688", "xml", 200, "<?xml version=\"1.0\" encoding=\"utf-8\"?><HierarchyItems xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns=\"http://www.veeam.com/ent/v1.0\"><HierarchyItem Type=\"HierarchyItem\"><ObjectRef>urn:vCloud:Vm:aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa.urn:vcloud:vm:340be4d6-8657-4d70-92d7-41ac6298f688</ObjectRef><ObjectType>Vm</ObjectType><ObjectName>DC</ObjectName></HierarchyItem></HierarchyItems>"],
  ["a Cloud Director VM by hierarchyRef (docs sample)", "/api/lookup?hierarchyRef=urn:vCloud:Vm:aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa.urn:vcloud:vm:340be4d6-8657-4d70-92d7-41ac6298f688", "json", 200, "{\"HierarchyItems\":[{\"ObjectRef\":\"urn:vCloud:Vm:aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa.urn:vcloud:vm:340be4d6-8657-4d70-92d7-41ac6298f688\",\"ObjectType\":\"Vm\",\"ObjectName\":\"DC\",\"Links\":null,\"Href\":null,\"Type\":\"HierarchyItem\"}]}"],
  ["a browse link of /lookupSvc (encoded host)", "/api/lookup?host=urn%3aveeam%3aHierarchyRoot%3a22222222-2222-4222-8222-222222222222&name=*&type=Tag", "xml", 200, "<?xml version=\"1.0\" encoding=\"utf-8\"?><HierarchyItems xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns=\"http://www.veeam.com/ent/v1.0\"><HierarchyItem Type=\"HierarchyItem\"><ObjectRef>urn:VMware:Tag:22222222-2222-4222-8222-222222222222.urn:vmomi:InventoryServiceTag:eeda6876-50b0-4fd9-921a-617131aced99:GLOBAL</ObjectRef><ObjectType>Tag</ObjectType><ObjectName>Gold</ObjectName></HierarchyItem><HierarchyItem Type=\"HierarchyItem\"><ObjectRef>urn:VMware:Tag:22222222-2222-4222-8222-222222222222.urn:vmomi:InventoryServiceTag:ad1f0b02-2abd-4e4d-8032-93f93afe7c15:GLOBAL</ObjectRef><ObjectType>Tag</ObjectType><ObjectName>Silver</ObjectName></HierarchyItem></HierarchyItems>"],
  ["a browse link of /lookupSvc (encoded host)", "/api/lookup?host=urn%3aveeam%3aHierarchyRoot%3a22222222-2222-4222-8222-222222222222&name=*&type=Tag", "json", 200, "{\"HierarchyItems\":[{\"ObjectRef\":\"urn:VMware:Tag:22222222-2222-4222-8222-222222222222.urn:vmomi:InventoryServiceTag:eeda6876-50b0-4fd9-921a-617131aced99:GLOBAL\",\"ObjectType\":\"Tag\",\"ObjectName\":\"Gold\",\"Links\":null,\"Href\":null,\"Type\":\"HierarchyItem\"},{\"ObjectRef\":\"urn:VMware:Tag:22222222-2222-4222-8222-222222222222.urn:vmomi:InventoryServiceTag:ad1f0b02-2abd-4e4d-8032-93f93afe7c15:GLOBAL\",\"ObjectType\":\"Tag\",\"ObjectName\":\"Silver\",\"Links\":null,\"Href\":null,\"Type\":\"HierarchyItem\"}]}"],
  ["a wildcard name, bare GUID host (VMware)", "/api/lookup?host=22222222-2222-4222-8222-222222222222&name=WEB*&type=VM", "xml", 200, "<?xml version=\"1.0\" encoding=\"utf-8\"?><HierarchyItems xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns=\"http://www.veeam.com/ent/v1.0\"><HierarchyItem Type=\"HierarchyItem\"><ObjectRef>urn:VMware:Vm:22222222-2222-4222-8222-222222222222.vm-1001</ObjectRef><ObjectType>Vm</ObjectType><ObjectName>web-101</ObjectName></HierarchyItem></HierarchyItems>"],
  ["a wildcard name, bare GUID host (VMware)", "/api/lookup?host=22222222-2222-4222-8222-222222222222&name=WEB*&type=VM", "json", 200, "{\"HierarchyItems\":[{\"ObjectRef\":\"urn:VMware:Vm:22222222-2222-4222-8222-222222222222.vm-1001\",\"ObjectType\":\"Vm\",\"ObjectName\":\"web-101\",\"Links\":null,\"Href\":null,\"Type\":\"HierarchyItem\"}]}"],
  ["a type the platform lacks: empty", "/api/lookup?host=urn:veeam:HierarchyRoot:22222222-2222-4222-8222-222222222222&name=*&type=Organization", "xml", 200, "<?xml version=\"1.0\" encoding=\"utf-8\"?><HierarchyItems xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns=\"http://www.veeam.com/ent/v1.0\" />"],
  ["a type the platform lacks: empty", "/api/lookup?host=urn:veeam:HierarchyRoot:22222222-2222-4222-8222-222222222222&name=*&type=Organization", "json", 200, "{\"HierarchyItems\":[]}"],
  ["a hierarchyRef in any case (docs prose spelling)", "/api/lookup?hierarchyRef=urn:Hyperv:vm:BBBBBBBB-BBBB-4BBB-8BBB-BBBBBBBBBBBB.E3E47CE3-ACE6-4F06-9AAF-F52CF2E11234", "xml", 200, "<?xml version=\"1.0\" encoding=\"utf-8\"?><HierarchyItems xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns=\"http://www.veeam.com/ent/v1.0\"><HierarchyItem Type=\"HierarchyItem\"><ObjectRef>urn:HyperV:Vm:bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb.e3e47ce3-ace6-4f06-9aaf-f52cf2e11234</ObjectRef><ObjectType>Vm</ObjectType><ObjectName>DNS</ObjectName></HierarchyItem></HierarchyItems>"],
  ["a hierarchyRef in any case (docs prose spelling)", "/api/lookup?hierarchyRef=urn:Hyperv:vm:BBBBBBBB-BBBB-4BBB-8BBB-BBBBBBBBBBBB.E3E47CE3-ACE6-4F06-9AAF-F52CF2E11234", "json", 200, "{\"HierarchyItems\":[{\"ObjectRef\":\"urn:HyperV:Vm:bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb.e3e47ce3-ace6-4f06-9aaf-f52cf2e11234\",\"ObjectType\":\"Vm\",\"ObjectName\":\"DNS\",\"Links\":null,\"Href\":null,\"Type\":\"HierarchyItem\"}]}"],
  ["no parameters", "/api/lookup", "xml", 400, "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" Message=\"The lookup needs hierarchyRef, or host, name and type: host is missing.\" StatusCode=\"400\" xmlns=\"http://www.veeam.com/ent/v1.0\"><FirstChanceExceptionMessage>The lookup needs hierarchyRef, or host, name and type: host is missing.</FirstChanceExceptionMessage></Error>"],
  ["no parameters", "/api/lookup", "json", 400, "{\"FirstChanceExceptionMessage\":\"The lookup needs hierarchyRef, or host, name and type: host is missing.\",\"Message\":\"The lookup needs hierarchyRef, or host, name and type: host is missing.\",\"StackTrace\":null,\"Status\":null,\"StatusCode\":400}"],
  ["name missing", "/api/lookup?host=urn:veeam:HierarchyRoot:22222222-2222-4222-8222-222222222222&type=Vm", "xml", 400, "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" Message=\"The lookup needs hierarchyRef, or host, name and type: name is missing.\" StatusCode=\"400\" xmlns=\"http://www.veeam.com/ent/v1.0\"><FirstChanceExceptionMessage>The lookup needs hierarchyRef, or host, name and type: name is missing.</FirstChanceExceptionMessage></Error>"],
  ["name missing", "/api/lookup?host=urn:veeam:HierarchyRoot:22222222-2222-4222-8222-222222222222&type=Vm", "json", 400, "{\"FirstChanceExceptionMessage\":\"The lookup needs hierarchyRef, or host, name and type: name is missing.\",\"Message\":\"The lookup needs hierarchyRef, or host, name and type: name is missing.\",\"StackTrace\":null,\"Status\":null,\"StatusCode\":400}"],
  ["an unknown type", "/api/lookup?host=urn:veeam:HierarchyRoot:22222222-2222-4222-8222-222222222222&name=*&type=Widget", "xml", 400, "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" Message=\"Unknown object type &quot;Widget&quot;: use one of Vm, Host, Cluster, Template, VirtualApp, Vc, Datacenter, Folder, Datastore, ComputeResource, ResourcePool, Tag, Category, StoragePod, VcdSystem, Organization, OrgVdc, Vapp, VappTemplate, VmTemplate, OrgVdcStorageProfile, Scvmm, HostGroup, VmGroup.\" StatusCode=\"400\" xmlns=\"http://www.veeam.com/ent/v1.0\"><FirstChanceExceptionMessage>Unknown object type \"Widget\": use one of Vm, Host, Cluster, Template, VirtualApp, Vc, Datacenter, Folder, Datastore, ComputeResource, ResourcePool, Tag, Category, StoragePod, VcdSystem, Organization, OrgVdc, Vapp, VappTemplate, VmTemplate, OrgVdcStorageProfile, Scvmm, HostGroup, VmGroup.</FirstChanceExceptionMessage></Error>"],
  ["an unknown type", "/api/lookup?host=urn:veeam:HierarchyRoot:22222222-2222-4222-8222-222222222222&name=*&type=Widget", "json", 400, "{\"FirstChanceExceptionMessage\":\"Unknown object type \\\"Widget\\\": use one of Vm, Host, Cluster, Template, VirtualApp, Vc, Datacenter, Folder, Datastore, ComputeResource, ResourcePool, Tag, Category, StoragePod, VcdSystem, Organization, OrgVdc, Vapp, VappTemplate, VmTemplate, OrgVdcStorageProfile, Scvmm, HostGroup, VmGroup.\",\"Message\":\"Unknown object type \\\"Widget\\\": use one of Vm, Host, Cluster, Template, VirtualApp, Vc, Datacenter, Folder, Datastore, ComputeResource, ResourcePool, Tag, Category, StoragePod, VcdSystem, Organization, OrgVdc, Vapp, VappTemplate, VmTemplate, OrgVdcStorageProfile, Scvmm, HostGroup, VmGroup.\",\"StackTrace\":null,\"Status\":null,\"StatusCode\":400}"],
  ["a host that is not a UID", "/api/lookup?host=vcsa1.tech.local&name=*&type=Vm", "xml", 400, "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" Message=\"host &quot;vcsa1.tech.local&quot; is not a hierarchy root UID (urn:veeam:HierarchyRoot:&lt;guid&gt;).\" StatusCode=\"400\" xmlns=\"http://www.veeam.com/ent/v1.0\"><FirstChanceExceptionMessage>host \"vcsa1.tech.local\" is not a hierarchy root UID (urn:veeam:HierarchyRoot:&lt;guid&gt;).</FirstChanceExceptionMessage></Error>"],
  ["a host that is not a UID", "/api/lookup?host=vcsa1.tech.local&name=*&type=Vm", "json", 400, "{\"FirstChanceExceptionMessage\":\"host \\\"vcsa1.tech.local\\\" is not a hierarchy root UID (urn:veeam:HierarchyRoot:<guid>).\",\"Message\":\"host \\\"vcsa1.tech.local\\\" is not a hierarchy root UID (urn:veeam:HierarchyRoot:<guid>).\",\"StackTrace\":null,\"Status\":null,\"StatusCode\":400}"],
  ["an unknown host", "/api/lookup?host=urn:veeam:HierarchyRoot:99999999-9999-4999-8999-999999999999&name=*&type=Vm", "xml", 404, "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" Message=\"The hierarchy root 99999999-9999-4999-8999-999999999999 does not exist.\" StatusCode=\"404\" xmlns=\"http://www.veeam.com/ent/v1.0\"><FirstChanceExceptionMessage>The hierarchy root 99999999-9999-4999-8999-999999999999 does not exist.</FirstChanceExceptionMessage></Error>"],
  ["an unknown host", "/api/lookup?host=urn:veeam:HierarchyRoot:99999999-9999-4999-8999-999999999999&name=*&type=Vm", "json", 404, "{\"FirstChanceExceptionMessage\":\"The hierarchy root 99999999-9999-4999-8999-999999999999 does not exist.\",\"Message\":\"The hierarchy root 99999999-9999-4999-8999-999999999999 does not exist.\",\"StackTrace\":null,\"Status\":null,\"StatusCode\":404}"],
  ["a malformed hierarchyRef", "/api/lookup?hierarchyRef=vm-1001", "xml", 400, "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" Message=\"hierarchyRef &quot;vm-1001&quot; is not a HierarchyObjRef (urn:&lt;Platform&gt;:&lt;Type&gt;:&lt;HierarchyRootId&gt;.&lt;ObjectRef&gt;).\" StatusCode=\"400\" xmlns=\"http://www.veeam.com/ent/v1.0\"><FirstChanceExceptionMessage>hierarchyRef \"vm-1001\" is not a HierarchyObjRef (urn:&lt;Platform&gt;:&lt;Type&gt;:&lt;HierarchyRootId&gt;.&lt;ObjectRef&gt;).</FirstChanceExceptionMessage></Error>"],
  ["a malformed hierarchyRef", "/api/lookup?hierarchyRef=vm-1001", "json", 400, "{\"FirstChanceExceptionMessage\":\"hierarchyRef \\\"vm-1001\\\" is not a HierarchyObjRef (urn:<Platform>:<Type>:<HierarchyRootId>.<ObjectRef>).\",\"Message\":\"hierarchyRef \\\"vm-1001\\\" is not a HierarchyObjRef (urn:<Platform>:<Type>:<HierarchyRootId>.<ObjectRef>).\",\"StackTrace\":null,\"Status\":null,\"StatusCode\":400}"],
  ["an unknown platform", "/api/lookup?hierarchyRef=urn:Xen:Vm:22222222-2222-4222-8222-222222222222.vm-1001", "xml", 400, "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" Message=\"hierarchyRef &quot;urn:Xen:Vm:22222222-2222-4222-8222-222222222222.vm-1001&quot; names an unknown platform &quot;Xen&quot;: use VMware, HyperV or vCloud.\" StatusCode=\"400\" xmlns=\"http://www.veeam.com/ent/v1.0\"><FirstChanceExceptionMessage>hierarchyRef \"urn:Xen:Vm:22222222-2222-4222-8222-222222222222.vm-1001\" names an unknown platform \"Xen\": use VMware, HyperV or vCloud.</FirstChanceExceptionMessage></Error>"],
  ["an unknown platform", "/api/lookup?hierarchyRef=urn:Xen:Vm:22222222-2222-4222-8222-222222222222.vm-1001", "json", 400, "{\"FirstChanceExceptionMessage\":\"hierarchyRef \\\"urn:Xen:Vm:22222222-2222-4222-8222-222222222222.vm-1001\\\" names an unknown platform \\\"Xen\\\": use VMware, HyperV or vCloud.\",\"Message\":\"hierarchyRef \\\"urn:Xen:Vm:22222222-2222-4222-8222-222222222222.vm-1001\\\" names an unknown platform \\\"Xen\\\": use VMware, HyperV or vCloud.\",\"StackTrace\":null,\"Status\":null,\"StatusCode\":400}"],
  ["a type of another platform", "/api/lookup?hierarchyRef=urn:VMware:Organization:22222222-2222-4222-8222-222222222222.x", "xml", 400, "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" Message=\"hierarchyRef &quot;urn:VMware:Organization:22222222-2222-4222-8222-222222222222.x&quot; names an unknown VMware object type &quot;Organization&quot;: use one of Vm, Host, Cluster, Template, VirtualApp, Vc, Datacenter, Folder, Datastore, ComputeResource, ResourcePool, Tag, Category, StoragePod.\" StatusCode=\"400\" xmlns=\"http://www.veeam.com/ent/v1.0\"><FirstChanceExceptionMessage>hierarchyRef \"urn:VMware:Organization:22222222-2222-4222-8222-222222222222.x\" names an unknown VMware object type \"Organization\": use one of Vm, Host, Cluster, Template, VirtualApp, Vc, Datacenter, Folder, Datastore, ComputeResource, ResourcePool, Tag, Category, StoragePod.</FirstChanceExceptionMessage></Error>"],
  ["a type of another platform", "/api/lookup?hierarchyRef=urn:VMware:Organization:22222222-2222-4222-8222-222222222222.x", "json", 400, "{\"FirstChanceExceptionMessage\":\"hierarchyRef \\\"urn:VMware:Organization:22222222-2222-4222-8222-222222222222.x\\\" names an unknown VMware object type \\\"Organization\\\": use one of Vm, Host, Cluster, Template, VirtualApp, Vc, Datacenter, Folder, Datastore, ComputeResource, ResourcePool, Tag, Category, StoragePod.\",\"Message\":\"hierarchyRef \\\"urn:VMware:Organization:22222222-2222-4222-8222-222222222222.x\\\" names an unknown VMware object type \\\"Organization\\\": use one of Vm, Host, Cluster, Template, VirtualApp, Vc, Datacenter, Folder, Datastore, ComputeResource, ResourcePool, Tag, Category, StoragePod.\",\"StackTrace\":null,\"Status\":null,\"StatusCode\":400}"],
  ["a root of another platform", "/api/lookup?hierarchyRef=urn:HyperV:Vm:22222222-2222-4222-8222-222222222222.vm-1001", "xml", 404, "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" Message=\"No HyperV hierarchy root 22222222-2222-4222-8222-222222222222 exists for hierarchyRef &quot;urn:HyperV:Vm:22222222-2222-4222-8222-222222222222.vm-1001&quot;.\" StatusCode=\"404\" xmlns=\"http://www.veeam.com/ent/v1.0\"><FirstChanceExceptionMessage>No HyperV hierarchy root 22222222-2222-4222-8222-222222222222 exists for hierarchyRef \"urn:HyperV:Vm:22222222-2222-4222-8222-222222222222.vm-1001\".</FirstChanceExceptionMessage></Error>"],
  ["a root of another platform", "/api/lookup?hierarchyRef=urn:HyperV:Vm:22222222-2222-4222-8222-222222222222.vm-1001", "json", 404, "{\"FirstChanceExceptionMessage\":\"No HyperV hierarchy root 22222222-2222-4222-8222-222222222222 exists for hierarchyRef \\\"urn:HyperV:Vm:22222222-2222-4222-8222-222222222222.vm-1001\\\".\",\"Message\":\"No HyperV hierarchy root 22222222-2222-4222-8222-222222222222 exists for hierarchyRef \\\"urn:HyperV:Vm:22222222-2222-4222-8222-222222222222.vm-1001\\\".\",\"StackTrace\":null,\"Status\":null,\"StatusCode\":404}"],
  ["an unknown object", "/api/lookup?hierarchyRef=urn:VMware:Vm:22222222-2222-4222-8222-222222222222.vm-9999", "xml", 404, "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" Message=\"The object &quot;urn:VMware:Vm:22222222-2222-4222-8222-222222222222.vm-9999&quot; does not exist in the hierarchy of vcsa1.tech.local.\" StatusCode=\"404\" xmlns=\"http://www.veeam.com/ent/v1.0\"><FirstChanceExceptionMessage>The object \"urn:VMware:Vm:22222222-2222-4222-8222-222222222222.vm-9999\" does not exist in the hierarchy of vcsa1.tech.local.</FirstChanceExceptionMessage></Error>"],
  ["an unknown object", "/api/lookup?hierarchyRef=urn:VMware:Vm:22222222-2222-4222-8222-222222222222.vm-9999", "json", 404, "{\"FirstChanceExceptionMessage\":\"The object \\\"urn:VMware:Vm:22222222-2222-4222-8222-222222222222.vm-9999\\\" does not exist in the hierarchy of vcsa1.tech.local.\",\"Message\":\"The object \\\"urn:VMware:Vm:22222222-2222-4222-8222-222222222222.vm-9999\\\" does not exist in the hierarchy of vcsa1.tech.local.\",\"StackTrace\":null,\"Status\":null,\"StatusCode\":404}"],
];

t.test('lookup shapes and errors (literal bodies and headers)', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  app.store = lookupStore();
  const token = await logon(app);
  for (const [what, url, fmt, status, body] of CASES) {
    const res = await get(app, token, url, fmt);
    t.equal(res.statusCode, status, `${what} (${fmt}): status`);
    t.equal(res.headers['content-type'], fmt === 'json' ? 'application/json' : 'application/xml', `${what} (${fmt}): media type`);
    t.equal(res.headers['content-length'], String(Buffer.byteLength(res.body)), `${what} (${fmt}): length`);
    t.equal(res.body, body, `${what} (${fmt}): body`);
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
  t.equal(JSON.parse(long.body).Message, `hierarchyRef "${'x'.repeat(120)}…" is not a HierarchyObjRef (urn:<Platform>:<Type>:<HierarchyRootId>.<ObjectRef>).`);
});

t.test('authentication and methods', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  const token = await logon(app);
  for (const url of ['/api/lookupSvc', `/api/lookup?host=${HV.id}&name=*&type=Vm`]) {
    const anon = await app.inject({ method: 'GET', url, headers: { host: HOST } });
    t.equal(anon.statusCode, 401, `${url} needs a logon session`);
    for (const method of ['POST', 'PUT', 'DELETE'] as const) {
      const res = await app.inject({ method, url, headers: { host: HOST, 'x-restsvcsessionid': token, accept: 'application/json' } });
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
    const byRef = JSON.parse((await get(app, token, `/api/lookup?hierarchyRef=${encodeURIComponent(ref)}`, 'json')).body);
    t.same(byRef.HierarchyItems.map((i: { ObjectRef: string }) => i.ObjectRef), [ref], `${ref} by hierarchyRef`);
    t.equal(byRef.HierarchyItems[0].ObjectName, vm.name);
    const byName = JSON.parse(
      (await get(app, token, `/api/lookup?host=urn:veeam:HierarchyRoot:${vm.root.id}&name=${encodeURIComponent(vm.name)}&type=Vm`, 'json')).body,
    );
    t.same(byName.HierarchyItems.map((i: { ObjectRef: string }) => i.ObjectRef), [ref], `${vm.name} by name on ${vm.root.name}`);
  }
  t.same([...platforms].sort(), ['HyperV', 'VMware', 'vCloud'], 'restore points of every platform were checked');
  // Restore tooling then asks the query service for that VM's points by the ObjectRef it found.
  const perPlatform = new Map<string, [string, Vm]>();
  for (const [ref, vm] of refs) if (!perPlatform.has(vm.root.platform)) perPlatform.set(vm.root.platform, [ref, vm]);
  for (const [ref, vm] of perPlatform.values()) {
    const expected = app.store.vmRestorePoints.all().filter((p) => p.vm === vm && p.creationTime <= app.clock.now()).length;
    for (const fmt of ['json', 'xml'] as const) {
      // Clients send the URN quoted, in any case; the value is compared case-insensitively like every string field.
      const query = `/api/query?type=VmRestorePoint&filter=${encodeURIComponent(`HierarchyObjRef=="${fmt === 'xml' ? ref.toLowerCase() : ref}"`)}&pageSize=1000`;
      const res = await get(app, token, query, fmt);
      t.equal(res.statusCode, 200, query);
      const uids = fmt === 'json' ? JSON.parse(res.body).Refs.Refs.map((r: { UID: string }) => r.UID) : [...res.body.matchAll(/<Ref UID="/g)];
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
    t.same(objects.filter((o) => o.type === 'Vm').map((o) => o.ref), vms, `${root.name}: its VMs, in order`);
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
    t.same(JSON.parse(res.body).HierarchyItems.map((i: { ObjectRef: string }) => i.ObjectRef), [`urn:VMware:Vm:${db.root.id}.vm-2001`], 'the objectRef the file gave');
    for (const l of svc.Links.slice(1)) bodies.push((await get(app, token, new URL(l.Href).pathname + new URL(l.Href).search, 'xml')).body);
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
  const started = process.hrtime.bigint();
  t.equal(nameMatches(`${'*a'.repeat(2000)}b`, 'a'.repeat(5000)), false);
  t.ok(process.hrtime.bigint() - started < 2_000_000_000n, 'a pathological pattern answers in well under 2 s');
});
