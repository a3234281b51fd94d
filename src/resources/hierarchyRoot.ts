import type { HierarchyRoot, Platform } from '../../data/model.js';
import { Rng } from '../../data/random.js';
import { el } from '../repr/tree.js';
import { entityBase, type ResourceType } from './resourceType.js';
import { entityLink, refLink, serverUp } from './links.js';
import { serverFields, uidField } from './queryFields.js';

/** The host type Veeam records for each kind of root. */
const HOST_TYPE: Record<Platform, string> = { VMware: 'VC', vCloud: 'VcdSystem', HyperV: 'HvCluster' };

/** The host's own instance id, upper case as Veeam shows it; stable per root. */
const uniqueId = (r: HierarchyRoot) => new Rng(0, 'UniqueId', r.id).guid().toUpperCase();

/** `/hierarchyRoots`: the vCenters, Cloud Directors and Hyper-V clusters added to each backup server. */
export const hierarchyRootType: ResourceType<HierarchyRoot> = {
  uidType: 'HierarchyRoot',
  path: 'hierarchyRoots',
  refType: 'HierarchyRootReference',
  listElement: 'HierarchyRoots',
  collection: (store) => store.hierarchyRoots,
  name: (r) => r.name,
  refLinks: (r) => [serverUp(r.backupServer), entityLink('Alternate', hierarchyRootType, r, 'HierarchyRoot')],
  entity: (r) =>
    el(
      'HierarchyRoot',
      // EM adds a Related link to the managed server; managed servers are not simulated.
      ...entityBase(hierarchyRootType, r, 'HierarchyRoot', [
        serverUp(r.backupServer),
        refLink('Alternate', hierarchyRootType, r),
      ]),
      { elems: { HierarchyRootId: r.id, UniqueId: uniqueId(r), HostType: HOST_TYPE[r.platform] } },
    ),
  // EM's `GET /query?type=HierarchyRoot` page; HostType values in its listing order.
  queryFields: [
    uidField('HierarchyRoot'),
    { name: 'Name', kind: 'string', get: (r) => r.name },
    { name: 'UniqueId', kind: 'string', get: uniqueId },
    {
      name: 'HostType',
      kind: 'enum',
      values: ['ESX', 'VC', 'ESXi', 'HvServer', 'HvCluster', 'Scvmm', 'VcdSystem'],
      get: (r) => HOST_TYPE[r.platform],
    },
    ...serverFields<HierarchyRoot>((r) => r.backupServer),
  ],
};
