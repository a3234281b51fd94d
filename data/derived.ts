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

/**
 * A value kept per key (a store, a collection) until one of the collections it is built from
 * changes (their versions): a clock move keeps it.
 */
export function memoized<K extends object = Store, T = unknown>(
  build: (key: K) => T,
  sources: (key: K) => { version: number }[],
) {
  const memo = new WeakMap<K, { versions: number[]; value: T }>();
  return (key: K): T => {
    const versions = sources(key).map((c) => c.version);
    const known = memo.get(key);
    if (known?.versions.every((v, i) => v === versions[i])) return known.value;
    const value = build(key);
    memo.set(key, { versions, value });
    return value;
  };
}
