import type { El, Raw } from './tree.js';
import { xmlFragment } from './xml.js';
import { jsonFragment } from './json.js';

/** Which rendering of an item: its reference (`Ref`) or its full entity. */
export type Rendering = 'ref' | 'entity';

type Fragments = Partial<Record<Rendering, Raw>>;

// Rendered fragments of items that no longer change, per renderer (two resource types may list
// the same object) and per item object: a replaced or deleted item simply drops out. Sound only
// because model objects are never edited in place (Store.change replaces them).
const cache = new WeakMap<object, WeakMap<object, Fragments>>();

/** Off: every fragment is built afresh (tests compare both paths). Process-wide, like the cache. */
export const fragmentCache = { enabled: true };

/** Both encodings of an element, with Hrefs on the placeholder base. */
export function prerender(node: El): Raw {
  return { kind: 'raw', xml: xmlFragment(node), json: jsonFragment(node) };
}

/**
 * The item's rendering by `renderer`, built and rendered on first use; the caller vouches that
 * it no longer changes.
 */
export function renderedOnce(renderer: object, item: object, which: Rendering, build: () => El): Raw | El {
  if (!fragmentCache.enabled) return build();
  let items = cache.get(renderer);
  if (!items) cache.set(renderer, (items = new WeakMap()));
  let entry = items.get(item);
  if (!entry) items.set(item, (entry = {}));
  return (entry[which] ??= prerender(build()));
}
