import { el, links, type El, type LinkSpec } from '../repr/tree.js';
import { href } from '../repr/href.js';
import { entityList, referenceList, type ResourceType } from '../resources/resourceType.js';
import type { QueryPage } from './engine.js';
import { withPage } from './queryString.js';

/**
 * `PagingInfoType`: Links (First, Previous, Next, Last, each echoing the client's query with its
 * page), then the attributes PageNum, PageSize, PagesCount.
 */
export function pagingInfo(page: QueryPage<unknown>, query: string): El {
  const to = (n: number) => href(`query?${withPage(query, page.pageSize, n)}`);
  const specs: LinkSpec[] = [{ rel: 'First', href: to(1) }];
  // Past the end, Previous leads back to the last page that has items.
  if (page.pageNum > 1) specs.push({ rel: 'Previous', href: to(Math.min(page.pageNum - 1, page.pagesCount)) });
  if (page.pageNum < page.pagesCount) specs.push({ rel: 'Next', href: to(page.pageNum + 1) });
  specs.push({ rel: 'Last', href: to(page.pagesCount) });
  return el('PagingInfo', {
    elems: { Links: links(specs) },
    attrs: { PageNum: page.pageNum, PageSize: page.pageSize, PagesCount: page.pagesCount },
  });
}

/** `QueryResult`: `Refs` or `Entities/<Plural>`, then `PagingInfo`. */
export function queryResult<T extends { id: string }>(
  type: ResourceType<T>,
  page: QueryPage<T>,
  entities: boolean,
  query: string,
  now: number,
): El {
  const found = entities
    ? { Entities: el('Entities', { elems: { [type.listElement]: entityList(type, page.items, now) } }) }
    : { Refs: referenceList(type, page.items, now, 'Refs') };
  return el('QueryResult', { elems: { ...found, PagingInfo: pagingInfo(page, query) } });
}

/**
 * EM's preconfigured queries on `/querySvc`, in its order: query type and sort field. A link is
 * shown only for the types the mock can query.
 */
const PRESET_QUERIES: [type: string, sortAsc: string, listType?: string][] = [
  ['VmRestorePoint', 'name'],
  ['VAppRestorePoint', 'name'],
  ['VmReplicaPoint', 'name'],
  ['Task', 'TaskUid'],
  ['Job', 'name'],
  ['RestorePoint', 'name'],
  ['BackupTaskSession', 'name'],
  ['ReplicaTaskSession', 'name'],
  ['RestoreSession', 'name'],
  ['Repository', 'name'],
  ['Backup', 'name'],
  ['Replica', 'name'],
  ['HierarchyRoot', 'name'],
  ['BackupJobSession', 'name'],
  ['ReplicaJobSession', 'name'],
  ['BackupServer', 'name'],
  ['ManagedServer', 'name'],
  ['FailoverPlan', 'name'],
  ['WanAccelerator', 'name'],
  ['CloudGateway', 'name'],
  ['CloudTenant', 'name'],
  ['Passwords', 'BackupServerUid', 'PasswordKeyList'],
  ['Credentials', 'BackupServerUid', 'CredentialsList'],
  ['CloudReplica', 'name'],
  ['BackupFile', 'name'],
  ['VCloudOrganizationConfig', 'name'],
  ['CloudSubtenant', 'Name'],
  ['CloudHardwarePlan', 'Name'],
  ['CloudPublicIpAddress', 'Name'],
  ['AgentBackupJob', 'name'],
  ['AgentRestorePoint', 'name'],
  ['AgentProtectionGroup', 'name'],
  ['DiscoveredComputer', 'name'],
  ['CloudFailoverPlan', 'Name'],
  ['CloudGatewayPool', 'Name'],
  ['VSphereSelfServiceConfig', 'Name'],
  ['ExternalRepository', 'name'],
  ['NasJob', 'name'],
  ['FileServer', 'name'],
  ['VAppReplicaPoint', 'name'],
];

/** `GET /querySvc`: Up to the caller's logon session, Down to each preset query. */
export function querySvcRepresentation(logonSessionId: string, queryable: (type: string) => boolean): El {
  const presets = PRESET_QUERIES.filter(([type]) => queryable(type)).map(([type, sortAsc, listType]) => ({
    rel: 'Down',
    href: href(`query?type=${type}&format=Entities&sortAsc=${sortAsc}&pageSize=15&page=1`),
    type: listType ?? `${type}List`,
  }));
  return el('QuerySvc', {
    elems: { Links: links([{ rel: 'Up', href: href(`logonSessions/${logonSessionId}`), type: 'LogonSession' }, ...presets]) },
    attrs: { Href: href('querySvc'), Type: 'QueryService' },
  });
}
