import type { El, Raw } from './tree.js';
import { xmlFragment } from './xml.js';
import { jsonFragment } from './json.js';

/** Which rendering of an item: its reference (`Ref`) or its full entity. */
export type Rendering = 'ref' | 'entity';

// Rendered fragments of immutable items. Keyed by the item object itself, so a replaced or
// deleted item simply drops out.
const cache = new WeakMap<object, Partial<Record<Rendering, Raw>>>();

/** Both encodings of an element, with Hrefs on the placeholder base. */
export function prerender(node: El): Raw {
  return { kind: 'raw', xml: xmlFragment(node), json: jsonFragment(node) };
}

/** The item's rendering, built and rendered on first use; the caller vouches that it no longer changes. */
export function renderedOnce(item: object, which: Rendering, build: () => El): Raw {
  let entry = cache.get(item);
  if (!entry) cache.set(item, (entry = {}));
  return (entry[which] ??= prerender(build()));
}
