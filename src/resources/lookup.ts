import type { HierarchyRoot } from '../../data/model.js';
import { BROWSED_TYPES, type InventoryObject } from '../../data/inventory.js';
import { el, links, list, type El, type List, type LinkSpec } from '../repr/tree.js';
import { href } from '../repr/href.js';

/**
 * `lookup?host=…&name=*&type=…` as EM writes it in /lookupSvc: the host UID encoded the .NET way
 * (`:` as lower-case `%3a`), the rest literal.
 */
export function browseHref(root: HierarchyRoot, type: string): string {
  return href(`lookup?host=urn%3aveeam%3aHierarchyRoot%3a${root.id}&name=*&type=${type}`);
}

/** `GET /lookupSvc`: Up to the caller's logon session, then per root a Down link for each type it browses. */
export function lookupSvcRepresentation(logonSessionId: string, roots: readonly HierarchyRoot[]): El {
  const down: LinkSpec[] = roots.flatMap((root) =>
    BROWSED_TYPES[root.platform].map((type) => ({
      rel: 'Down',
      href: browseHref(root, type),
      type: 'HierarchyItemList',
    })),
  );
  return el('LookupSvc', {
    elems: {
      Links: links([{ rel: 'Up', href: href(`logonSessions/${logonSessionId}`), type: 'LogonSession' }, ...down]),
    },
    attrs: { Href: href('lookupSvc'), Type: 'LookupService' },
  });
}

/**
 * `HierarchyItemType`: a ResourceType (Links, Href, Type) whose Links and Href EM leaves empty,
 * plus ObjectRef, ObjectType, ObjectName.
 */
function hierarchyItem(o: InventoryObject): El {
  return el(
    'HierarchyItem',
    { elems: { Links: null }, attrs: { Href: null, Type: 'HierarchyItem' } },
    { elems: { ObjectRef: o.ref, ObjectType: o.type, ObjectName: o.name } },
  );
}

/** `HierarchyItems`: what every lookup answers, a list even for one object. */
export function hierarchyItems(objects: readonly InventoryObject[]): List {
  return list('HierarchyItems', 'HierarchyItems', objects.map(hierarchyItem));
}
