import type { Collection } from '../../data/collection.js';
import type { Store } from '../../data/store.js';
import { uid } from '../../data/model.js';
import { el, links, list, type El, type LinkSpec, type List, type Raw } from '../repr/tree.js';
import { href } from '../repr/href.js';
import { renderedOnce, renderedUntil, type Rendering } from '../repr/renderCache.js';
import type { QueryField } from '../query/fields.js';

/**
 * Everything the API needs to know about one resource type. Adding a type is writing one of
 * these (one file under src/resources/) and listing it in `resourceTypes`.
 */
export interface ResourceType<T extends { id: string }> {
  /** The word in its UID: `urn:veeam:<uidType>:<guid>`. */
  uidType: string;
  /** Collection path below /api/. */
  path: string;
  /**
   * Where its items' Hrefs point when that is not `<path>/{id}`: file share and agent sessions
   * are listed under /nas and /agents but addressed at /backupSessions/{id}, as EM does.
   */
  itemPath?: string;
  /** `Type` of its references, e.g. `RestoreSessionReference`. */
  refType: string;
  /** Element (and JSON key) of its entity list, e.g. `RestoreSessions`. */
  listElement: string;
  collection(store: Store): Collection<T>;
  name(item: T): string;
  /** The Links inside a reference (Ref / EntityRef). */
  refLinks(item: T): LinkSpec[];
  /** The full entity element. */
  entity(item: T, now: number): El;
  /** What the plain collection GET lists (default: everything). */
  listed?(store: Store, now: number): readonly T[];
  /**
   * The first instant after `now` at which the item's entity may look different (Infinity: never
   * again). Required when `entity` reads the clock; without it the entity is taken to depend on
   * the item alone. Being early is safe (a rebuild); being late serves stale bytes. An entity is
   * rendered once and kept from the instant this says Infinity.
   */
  changesAt?(item: T, now: number): number;
  /** With `listed`: the first instant after `now` at which it may list other items (default: now + 1). */
  listedChangesAt?(store: Store, now: number): number;
  /** What `/query?type=<uidType>` filters and sorts on; a type without them is not queryable. */
  queryFields?: readonly QueryField<T>[];
}

export type AnyResourceType = ResourceType<{ id: string }>;

/** How one kind of item is drawn: its reference's links, its entity and when that may change. */
export type Shape<T extends { id: string }> = Pick<ResourceType<T>, 'refLinks' | 'entity' | 'changesAt'>;

/**
 * For a type whose one collection holds items of several kinds (VM and agent backups, …): each
 * item is drawn by its kind's shape, whichever list shows it.
 */
export function byKind<T extends { id: string }>(shapeOf: (item: T) => Shape<T>): Shape<T> {
  return {
    refLinks: (item) => shapeOf(item).refLinks(item),
    entity: (item, now) => shapeOf(item).entity(item, now),
    // A shape without changesAt draws its entity from the item alone: settled at once.
    changesAt: (item, now) => shapeOf(item).changesAt?.(item, now) ?? Infinity,
  };
}

export function itemHref<T extends { id: string }>(type: ResourceType<T>, item: T, entity = false): string {
  return href(`${type.itemPath ?? type.path}/${item.id}${entity ? '?format=Entity' : ''}`);
}

/** `EntityReferenceType`: Links, then attributes UID, Name, Href, Type. */
export function reference<T extends { id: string }>(type: ResourceType<T>, item: T, element: 'Ref' | 'EntityRef'): El {
  return el(element, {
    elems: { Links: links(type.refLinks(item)) },
    attrs: { UID: uid(type.uidType, item.id), Name: type.name(item), Href: itemHref(type, item), Type: type.refType },
  });
}

/** The attributes every `EntityType` carries, in EM's order (base first: Href, Type; then Name, UID). */
export function entityBase<T extends { id: string }>(
  type: ResourceType<T>,
  item: T,
  entityType: string,
  entityLinks: LinkSpec[],
) {
  return [
    { elems: { Links: links(entityLinks) }, attrs: { Href: itemHref(type, item, true), Type: entityType } },
    { attrs: { Name: type.name(item), UID: uid(type.uidType, item.id) } },
  ];
}

/** When the entity of any of `items` (or of those in [start, end)) may first look different after `now` (see `changesAt`). */
export function entitiesChangeAt<T extends { id: string }>(
  type: ResourceType<T>,
  items: readonly T[],
  now: number,
  start = 0,
  end = items.length,
): number {
  if (!type.changesAt) return Infinity;
  let until = Infinity;
  for (let i = start; i < end && until > now + 1; i++) {
    const at = type.changesAt(items[i]!, now);
    if (at < until) until = at;
  }
  return until;
}

// Per collection: the last answer of existingChangeAt, good for any instant in [from, until).
const collectionUntil = new WeakMap<object, { epoch: number; from: number; until: number }>();

/**
 * When anything in a collection as of `now` may first look different: the next object coming
 * into existence, or an existing one's next change. Scanning a large collection costs a
 * millisecond or more, so the answer is kept for the store epoch and reused until it expires:
 * nothing changes before `until`, whatever instant in between asks.
 */
export function existingChangeAt<T extends { id: string }>(
  type: ResourceType<T>,
  collection: Collection<T>,
  epoch: number,
  now: number,
): number {
  const memo = collectionUntil.get(collection);
  if (memo && memo.epoch === epoch && memo.from <= now && now < memo.until) return memo.until;
  const until = Math.min(
    collection.nextTimeAfter(now),
    entitiesChangeAt(type, collection.all(), now, 0, collection.upperBound(now)),
  );
  collectionUntil.set(collection, { epoch, from: now, until });
  return until;
}

/** When the plain collection GET may first list other items after `now`. */
export function listChangesAt<T extends { id: string }>(type: ResourceType<T>, store: Store, now: number): number {
  if (!type.listed) return Infinity;
  return type.listedChangesAt ? type.listedChangesAt(store, now) : now + 1;
}

/**
 * A reference never reads the clock; an entity is kept for good once nothing it shows changes any
 * more, and until its next change while something still does.
 */
function rendered<T extends { id: string }>(type: ResourceType<T>, item: T, now: number, which: Rendering): Raw | El {
  if (which === 'ref') return renderedOnce(type, item, which, () => reference(type, item, 'Ref'));
  const build = () => type.entity(item, now);
  const until = type.changesAt ? type.changesAt(item, now) : Infinity;
  return until === Infinity ? renderedOnce(type, item, which, build) : renderedUntil(type, item, now, until, build);
}

/** `EntityReferences` (as a document) or `Refs` (inside a QueryResult). */
export function referenceList<T extends { id: string }>(
  type: ResourceType<T>,
  items: readonly T[],
  now: number,
  element: 'EntityReferences' | 'Refs' = 'EntityReferences',
): List {
  return list(
    element,
    'Refs',
    items.map((i) => rendered(type, i, now, 'ref')),
  );
}

/** The entity list, e.g. `RestoreSessions`. */
export function entityList<T extends { id: string }>(type: ResourceType<T>, items: readonly T[], now: number): List {
  return list(
    type.listElement,
    type.listElement,
    items.map((i) => rendered(type, i, now, 'entity')),
  );
}
