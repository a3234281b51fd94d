import type { DiscoveredComputer } from '../../data/model.js';
import { agentPlatform } from '../../data/agents.js';
import { el } from '../repr/tree.js';
import { entityBase, type ResourceType } from './resourceType.js';
import { entityLink, refLink, serverUp } from './links.js';
import { serverFields, uidField } from './queryFields.js';
import { protectionGroupType } from './protectionGroup.js';

/** `/agents/discoveredComputers`: computers an agent protection group found. */
export const discoveredComputerType: ResourceType<DiscoveredComputer> = {
  uidType: 'DiscoveredComputer',
  path: 'agents/discoveredComputers',
  refType: 'DiscoveredComputerReference',
  listElement: 'DiscoveredComputers',
  collection: (store) => store.discoveredComputers,
  name: (c) => c.name,
  refLinks: (c) => [serverUp(c.backupServer), entityLink('Alternate', discoveredComputerType, c, 'DiscoveredComputer')],
  entity: (c) =>
    el(
      'DiscoveredComputer',
      // The docs' sample: Up server, Alternate, then Up to the protection group that found it.
      ...entityBase(discoveredComputerType, c, 'DiscoveredComputer', [
        serverUp(c.backupServer),
        refLink('Alternate', discoveredComputerType, c),
        ...(c.protectionGroup ? [refLink('Up', protectionGroupType, c.protectionGroup)] : []),
      ]),
      {
        elems: {
          HostStatus: c.hostStatus,
          AgentVersion: c.agentVersion,
          AgentStatus: c.agentStatus,
          OsVersion: c.osVersion,
          IpAddress: c.ipAddress,
          HierarchyObjRef: `urn:${agentPlatform(c)}:VeeamAgent:00000000-0000-0000-0000-000000000000.${c.id}`,
        },
      },
    ),
  // EM's `GET /query?type=DiscoveredComputer` page. AgentStatus is a string here: the page lists
  // other values than the entity shows. Protection groups are not simulated (no ProtectionGroup fields).
  queryFields: [
    uidField('DiscoveredComputer'),
    { name: 'Name', kind: 'string', get: (c) => c.name },
    ...serverFields<DiscoveredComputer>((c) => c.backupServer),
    { name: 'AgentVersion', kind: 'string', get: (c) => c.agentVersion },
    { name: 'AgentStatus', kind: 'string', get: (c) => c.agentStatus },
    { name: 'OsVersion', kind: 'string', get: (c) => c.osVersion },
    { name: 'IpAddress', kind: 'string', get: (c) => c.ipAddress },
  ],
};
