import type { DiscoveredComputer } from '../../data/model.js';
import { el } from '../repr/tree.js';
import { entityBase, type ResourceType } from './resourceType.js';
import { entityLink, refLink, serverUp } from './links.js';

const AGENT_PLATFORM = (c: DiscoveredComputer) => (c.osVersion.startsWith('Microsoft') ? 'AgentForWindows' : 'AgentForLinux');

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
      // EM adds an Up link to the protection group; protection groups are not simulated.
      ...entityBase(discoveredComputerType, c, 'DiscoveredComputer', [serverUp(c.backupServer), refLink('Alternate', discoveredComputerType, c)]),
      {
        elems: {
          HostStatus: c.hostStatus,
          AgentVersion: c.agentVersion,
          AgentStatus: c.agentStatus,
          OsVersion: c.osVersion,
          IpAddress: c.ipAddress,
          HierarchyObjRef: `urn:${AGENT_PLATFORM(c)}:VeeamAgent:00000000-0000-0000-0000-000000000000.${c.id}`,
        },
      },
    ),
};
