import type { Store } from '../../data/store.js';
import type { HierarchyRoot, Platform } from '../../data/model.js';
import { PLATFORMS } from '../../data/model.js';
import { OBJECT_TYPES, inventoryOf, type InventoryObject } from '../../data/inventory.js';
import { EmError } from '../errors.js';
import { GUID } from '../ids.js';

/** The query parameters of `GET /lookup`, as sent (names matched case-insensitively by the route). */
export interface LookupRequest {
  host?: string | undefined;
  hierarchyRef?: string | undefined;
  name?: string | undefined;
  type?: string | undefined;
}

const bad = (message: string) => new EmError(400, message);
const shown = (raw: string) => JSON.stringify(raw.length > 120 ? `${raw.slice(0, 120)}…` : raw);

/** EM's spelling of a type name sent in any case (`vm` → `Vm`), among the types of `platforms`. */
function objectType(raw: string, platforms: readonly Platform[]): string | undefined {
  const wanted = raw.toLowerCase();
  for (const p of platforms) for (const t of OBJECT_TYPES[p]) if (t.toLowerCase() === wanted) return t;
  return undefined;
}

const ALL_TYPES = [...new Set(PLATFORMS.flatMap((p) => OBJECT_TYPES[p]))];

/**
 * `*` stands for any run of characters; everything else matches itself, case-insensitively (`dns`
 * finds `DNS`). The classic two-pointer walk, linear in practice and never exponential, so a pattern
 * of many stars costs no more than a plain name.
 */
export function nameMatches(pattern: string, name: string): boolean {
  const p = pattern.toLowerCase();
  const n = name.toLowerCase();
  let i = 0;
  let j = 0;
  let star = -1;
  let resume = 0;
  while (j < n.length) {
    if (i < p.length && p[i] === '*') {
      star = i++;
      resume = j;
    } else if (i < p.length && p[i] === n[j]) {
      i++;
      j++;
    } else if (star >= 0) {
      i = star + 1;
      j = ++resume;
    } else return false;
  }
  while (p[i] === '*') i++;
  return i === p.length;
}

function root(store: Store, id: string): HierarchyRoot | undefined {
  return store.hierarchyRoots.get(id.toLowerCase());
}

/** `host`: the hierarchy root's UID `urn:veeam:HierarchyRoot:<guid>` or its bare GUID. */
function hostRoot(store: Store, host: string): HierarchyRoot {
  const urn = /^urn:veeam:HierarchyRoot:(.+)$/i.exec(host);
  const guid = urn ? urn[1]! : host;
  if (!GUID.test(guid)) throw bad(`host ${shown(host)} is not a hierarchy root UID (urn:veeam:HierarchyRoot:<guid>).`);
  const found = root(store, guid);
  if (!found) throw new EmError(404, `The hierarchy root ${guid.toLowerCase()} does not exist.`);
  return found;
}

/** `urn:<Platform>:<Type>:<root id>.<object ref>`; the object ref may hold colons and dots of its own. */
const REF = /^urn:([^:]+):([^:]+):([^.]+)\.(.+)$/i;

/** `hierarchyRef=urn:<Platform>:<Type>:<root guid>.<object ref>`: the one object it names. */
function byReference(store: Store, ref: string): InventoryObject {
  const m = REF.exec(ref);
  if (!m || !GUID.test(m[3]!))
    throw bad(
      `hierarchyRef ${shown(ref)} is not a HierarchyObjRef (urn:<Platform>:<Type>:<HierarchyRootId>.<ObjectRef>).`,
    );
  const [, platformRaw, typeRaw, rootId, objectRef] = m as unknown as [string, string, string, string, string];
  const platform = PLATFORMS.find((p) => p.toLowerCase() === platformRaw.toLowerCase());
  if (!platform)
    throw bad(
      `hierarchyRef ${shown(ref)} names an unknown platform ${shown(platformRaw)}: use VMware, HyperV or vCloud.`,
    );
  const type = objectType(typeRaw, [platform]);
  if (!type)
    throw bad(
      `hierarchyRef ${shown(ref)} names an unknown ${platform} object type ${shown(typeRaw)}: use one of ${OBJECT_TYPES[platform].join(', ')}.`,
    );
  const r = root(store, rootId);
  if (!r || r.platform !== platform)
    throw new EmError(
      404,
      `No ${platform} hierarchy root ${rootId.toLowerCase()} exists for hierarchyRef ${shown(ref)}.`,
    );
  const wanted = objectRef.toLowerCase();
  const found = inventoryOf(store)
    .get(r.id)!
    .objects.find((o) => o.type === type && o.objectRef.toLowerCase() === wanted);
  if (!found) throw new EmError(404, `The object ${shown(ref)} does not exist in the hierarchy of ${r.name}.`);
  return found;
}

/**
 * Answers a lookup: by `hierarchyRef` (it wins when given), else by `host`, `name` and `type`,
 * all three required. A type EM knows but the root's platform lacks finds nothing; an unknown type
 * is a bad request.
 */
export function lookup(store: Store, req: LookupRequest): InventoryObject[] {
  if (req.hierarchyRef) return [byReference(store, req.hierarchyRef)];
  for (const p of ['host', 'name', 'type'] as const) {
    if (!req[p]) throw bad(`The lookup needs hierarchyRef, or host, name and type: ${p} is missing.`);
  }
  const type = objectType(req.type!, PLATFORMS);
  if (!type) throw bad(`Unknown object type ${shown(req.type!)}: use one of ${ALL_TYPES.join(', ')}.`);
  const r = hostRoot(store, req.host!);
  return inventoryOf(store)
    .get(r.id)!
    .objects.filter((o) => o.type === type && nameMatches(req.name!, o.name));
}
