import type { AgentProtectionGroup } from '../../data/model.js';
import { el } from '../repr/tree.js';
import { href } from '../repr/href.js';
import { entityBase, type ResourceType } from './resourceType.js';
import { entityLink, refLink, serverUp } from './links.js';

/**
 * `/agents/protectionGroups`, as the docs' `GET /agents/protectionGroups/{ID}` sample: links Up
 * server, Alternate, Down its discovered computers as entities (`?format=Entity`, typed
 * `DiscoveredComputerList`); RescanScheduleEnabled, HierarchyObjRef with the all-zero root the
 * sample shows.
 */
export const protectionGroupType: ResourceType<AgentProtectionGroup> = {
  uidType: 'AgentProtectionGroup',
  path: 'agents/protectionGroups',
  refType: 'AgentProtectionGroupReference',
  listElement: 'AgentProtectionGroups',
  collection: (store) => store.protectionGroups,
  name: (g) => g.name,
  refLinks: (g) => [serverUp(g.backupServer), entityLink('Alternate', protectionGroupType, g, 'AgentProtectionGroup')],
  entity: (g) =>
    el(
      'AgentProtectionGroup',
      ...entityBase(protectionGroupType, g, 'AgentProtectionGroup', [
        serverUp(g.backupServer),
        refLink('Alternate', protectionGroupType, g),
        {
          rel: 'Down',
          href: href(`agents/protectionGroups/${g.id}/discoveredComputers?format=Entity`),
          type: 'DiscoveredComputerList',
        },
      ]),
      {
        elems: {
          RescanScheduleEnabled: true,
          HierarchyObjRef: `urn:${g.platform}:AgentProtectionGroup:00000000-0000-0000-0000-000000000000.${g.id}`,
        },
      },
    ),
};
