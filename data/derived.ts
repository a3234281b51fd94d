import { Collection } from './collection.js';
import type { Store } from './store.js';

/**
 * Views derived from the store's collections instead of stored (agent backups, NAS objects): built
 * when first asked for and rebuilt only when a collection they come from changes, so what is
 * added to the store later shows up in them and start-up builds none of them.
 */

/** A collection of `items` in time order (or in the given order, with no time). */
export function collectionOf<T extends { id: string }>(items: readonly T[], timeOf?: (x: T) => number): Collection<T> {
  const c = new Collection<T>(timeOf);
  c.addAll(items);
  return c;
}

/** A value kept per store until one of the collections it is built from changes (their versions). */
export function memoized<T>(build: (store: Store) => T, sources: (store: Store) => { version: number }[]) {
  const memo = new WeakMap<Store, { versions: number[]; value: T }>();
  return (store: Store): T => {
    const versions = sources(store).map((c) => c.version);
    const known = memo.get(store);
    if (known?.versions.every((v, i) => v === versions[i])) return known.value;
    const value = build(store);
    memo.set(store, { versions, value });
    return value;
  };
}
