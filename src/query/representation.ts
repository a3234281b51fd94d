import { el, links, list, type Child, type El, type LinkSpec, type List } from '../repr/tree.js';
import { href } from '../repr/href.js';
import { entityList, referenceList } from '../resources/resourceType.js';
import type { QueryPage } from './engine.js';
import { pagingQueries } from './queryString.js';
import { ENTITIES_MEMBERS } from './catalog.js';
import type { QueryTypeEntry } from './request.js';

type Item = { id: string };

/**
 * `PagingInfoType`: Links (First, Previous, Next, Last, each the query re-serialized with its
 * page, see `pagingQueries`), then the attributes PageNum, PageSize, PagesCount.
 */
export function pagingInfo(page: QueryPage<unknown>, query: string, sortedLinks = true): El {
  const linkQuery = pagingQueries(query, sortedLinks);
  return pagingInfoTo(page, (n) => href(`query?${linkQuery(page.pageSize, n)}`));
}

/** `PagingInfoType` whose links lead to `to(n)` for page n (a file-system listing's pages too). */
export function pagingInfoTo(page: QueryPage<unknown>, to: (n: number) => string): El {
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

/** Every `Entities` member null: the answered one is set over a copy. */
const NO_ENTITIES: Record<string, Child> = Object.fromEntries(ENTITIES_MEMBERS.map((m) => [m, null]));

/** The items of one page as the answered member's list: `<member>` in XML, `"<member>":{"<list key>":[…]}` in JSON. */
function memberList(entry: QueryTypeEntry, items: readonly Item[], now: number): List {
  const type = entry.modelled?.type;
  if (!type) return list(entry.info.member, entry.info.member, []);
  return { ...entityList(type, items, now), name: entry.info.member };
}

/**
 * `QueryResult`: `Refs`, `Entities`, `Resources`, `Links`, `PagingInfo`, in that order. JSON
 * names them all, `null` but the answered branch; `Entities` likewise names every member (EM 12,
 * notes/em-samples.md). XML writes only what is there.
 */
export function queryResult(
  entry: QueryTypeEntry,
  page: QueryPage<Item>,
  entities: boolean,
  query: string,
  now: number,
  sortedLinks = true,
): El {
  const type = entry.modelled?.type;
  let refs: Child = null;
  let found: Child = null;
  let resources: Child = null;
  // A type that is no entity in EM's schema has no UID or Name to refer to: Resources, whatever the format.
  if (entry.info.branch === 'Resources')
    resources = el('Resources', { elems: { [entry.info.member]: memberList(entry, page.items, now) } });
  else if (!entities) refs = type ? referenceList(type, page.items, now, 'Refs') : list('Refs', 'Refs', []);
  else found = el('Entities', { elems: { ...NO_ENTITIES, [entry.info.member]: memberList(entry, page.items, now) } });
  return el('QueryResult', {
    elems: {
      Refs: refs,
      Entities: found,
      Resources: resources,
      Links: null,
      PagingInfo: pagingInfo(page, query, sortedLinks),
    },
  });
}

/**
 * EM's preconfigured queries on `/querySvc`, in its order: query type and sort field.
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

/** `GET /querySvc`: Up to the caller's logon session, Down to each preset query (every type answers). */
export function querySvcRepresentation(logonSessionId: string): El {
  const presets = PRESET_QUERIES.map(([type, sortAsc, listType]) => ({
    rel: 'Down',
    href: href(`query?type=${type}&format=Entities&sortAsc=${sortAsc}&pageSize=15&page=1`),
    type: listType ?? `${type}List`,
  }));
  return el('QuerySvc', {
    elems: {
      Links: links([{ rel: 'Up', href: href(`logonSessions/${logonSessionId}`), type: 'LogonSession' }, ...presets]),
    },
    attrs: { Href: href('querySvc'), Type: 'QueryService' },
  });
}
