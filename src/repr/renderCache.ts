import type { El, Raw } from './tree.js';
import { xmlFragment } from './xml.js';
import { jsonFragment } from './json.js';

/** Which rendering of an item: its reference (`Ref`) or its full entity. */
export type Rendering = 'ref' | 'entity';

type Fragments = Partial<Record<Rendering, Raw>> & {
  /** An entity that still changes, as rendered at `from`: what it shows until `until`. */
  timed?: { from: number; until: number; raw: Raw };
};

// Rendered fragments of items (for good once they no longer change, else until they next do), per renderer (two resource types may list
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
  const entry = fragmentsOf(renderer, item);
  return (entry[which] ??= prerender(build()));
}

/**
 * The entity of an item that still changes, as rendered at `now`, kept until `until` (the caller's
 * next change instant of what it shows): a running session is rendered once per progress step,
 * not once per request. A clock set back before the rendering renders afresh.
 */
export function renderedUntil(renderer: object, item: object, now: number, until: number, build: () => El): Raw | El {
  if (!fragmentCache.enabled) return build();
  const entry = fragmentsOf(renderer, item);
  const timed = entry.timed;
  if (timed && timed.from <= now && now < timed.until) return timed.raw;
  const raw = prerender(build());
  entry.timed = { from: now, until, raw };
  return raw;
}

function fragmentsOf(renderer: object, item: object): Fragments {
  let items = cache.get(renderer);
  if (!items) cache.set(renderer, (items = new WeakMap()));
  let entry = items.get(item);
  if (!entry) items.set(item, (entry = {}));
  return entry;
}
