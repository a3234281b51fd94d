import { el, links, type El, type LinkSpec } from '../repr/tree.js';
import { href } from '../repr/href.js';

/** One Down link of an entry resource: its list type and the path below /api/. */
type ServiceLink = [type: string, path: string];

/**
 * `GET /agents` (`AgentsService`): EM lists the reference collections, then the same collections
 * as entities. EM types the jobs lists `JobReferenceList`/`JobList` and the backup files lists
 * `RestorePoint…` (sic).
 */
const AGENTS_LINKS: ServiceLink[] = [
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
];

/** `GET /nas` (`NasService`, element `NASService` as EM spells it): references, then entities. */
const NAS_LINKS: ServiceLink[] = [
  ['JobReferenceList', 'nas/jobs'],
  ['FileServerReferenceList', 'nas/fileServers'],
  ['BackupJobSessionReferenceList', 'nas/backupSessions'],
  ['JobList', 'nas/jobs?format=Entity'],
  ['FileServerList', 'nas/fileServers?format=Entity'],
  ['BackupJobSessionList', 'nas/backupSessions?format=Entity'],
];

/** An entry resource the mock serves: its path, element name, Type and links in EM's order. */
export interface EntryService {
  path: string;
  element: string;
  type: string;
  links: ServiceLink[];
}

export const entryServices: EntryService[] = [
  { path: 'agents', element: 'Agents', type: 'AgentsService', links: AGENTS_LINKS },
  { path: 'nas', element: 'NASService', type: 'NasService', links: NAS_LINKS },
];

/**
 * An entry resource's representation. Like the logon session, it links only to collections the
 * mock serves (`serves(path)`: is `GET /api/<path>`, query ignored, a route here), so every Href
 * a client follows resolves.
 */
export function entryServiceRepresentation(service: EntryService, serves: (path: string) => boolean): El {
  const down: LinkSpec[] = service.links
    .filter(([, path]) => serves(path.split('?')[0]!))
    .map(([type, path]) => ({ rel: 'Down', href: href(path), type }));
  return el(service.element, {
    elems: { Links: links(down) },
    attrs: { Href: href(service.path), Type: service.type },
  });
}
