import t from 'tap';
import { createHash } from 'node:crypto';
import { estateSteps, generate, generatedInventory, type GenerateOptions } from '../data/generate.js';
import { runNow, type Steps } from '../data/steps.js';
import { estateSize } from '../data/estate.js';
import { loadFaker } from '../data/fake.js';
import type { Store } from '../data/store.js';
import { CLOCK_START } from './helper.js';

// The generator may be rewritten for speed (cheaper hashing, history built on first use), but the
// environment a seed and clock give must never change: these digests of every collection, in
// order, with every field, were taken from the eager generator before any such change (and retaken from it when the model
// itself changed: agent jobs' repository and shared run points, before the history was deferred).

/** An object's own fields; another identified object by its id (so cycles end and the text stays small). */
function encode(value: unknown, top: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => encode(v, false));
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  if (!top && typeof o.id === 'string') return `#${o.id}`;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = encode(v, false);
  return out;
}

function digest(store: Store): string {
  const h = createHash('sha256');
  for (const [key, value] of Object.entries(store)) {
    if (key === 'changes') continue;
    const items = Array.isArray(value) ? value : (value as { all?: () => readonly unknown[] }).all?.();
    h.update(`${key}\n`);
    if (items === undefined) h.update(`${JSON.stringify(value)}\n`);
    else for (const item of items) h.update(`${JSON.stringify(encode(item, true))}\n`);
  }
  return h.digest('hex');
}

const cases = {
  'seed 7, medium, 200 restore sessions': { seed: 7, now: CLOCK_START, restoreSessions: 200 },
  'seed 1, small, 40 restore sessions': {
    seed: 1,
    now: CLOCK_START + 12_345,
    restoreSessions: 40,
    estate: estateSize('small'),
  },
  'seed 3, five sites (faker), 2 roots per platform, 20 days, 1000 restore sessions': {
    seed: 3,
    now: CLOCK_START,
    restoreSessions: 1000,
    estate: estateSize('medium', { backupServers: 5, rootsPerPlatform: 2, historyDays: 20 }),
  },
  'seed 5, a given inventory of two sites, no restore sessions': {
    seed: 5,
    now: CLOCK_START,
    restoreSessions: 0,
    inventory: generatedInventory(5, estateSize('medium', { backupServers: 2, vmsPerRoot: 3 })),
  },
} satisfies Record<string, GenerateOptions>;

const EXPECTED: Record<keyof typeof cases, string> = {
  'seed 7, medium, 200 restore sessions': '24c9c3034c8faa98efc434878fd543cd0005f8344e711260f25ee3688608b27d',
  'seed 1, small, 40 restore sessions': '97cd5e96a6452d613b8e870a8f6d458114bcc27dd188767c8cace952a432dab8',
  'seed 3, five sites (faker), 2 roots per platform, 20 days, 1000 restore sessions':
    '04a3cec1401cfdb78ef93629e51290660542f64ce853b3a8fe4b04b5075465fe',
  'seed 5, a given inventory of two sites, no restore sessions':
    '68dfc31fb62417e1a64208ff3b1bfa167c341843ff8fe1bdba73f952a64f8e80',
};

t.test('every collection of the generated environment is unchanged, byte for byte', async (t) => {
  await loadFaker();
  for (const [name, opts] of Object.entries(cases)) {
    t.equal(digest(generate(opts)), EXPECTED[name as keyof typeof cases], name);
  }
});

/** How many times the steps pause before they end. */
function pauses(steps: Steps<unknown>): number {
  let n = 0;
  while (!steps.next().done) n++;
  return n;
}

t.test('the history built on first use is the very same, whichever collection is read first', async (t) => {
  await loadFaker();
  for (const [name, opts] of Object.entries(cases)) {
    const expected = EXPECTED[name as keyof typeof cases];
    const inSteps = runNow(estateSteps(opts));
    t.ok(pauses(inSteps.complete()) > 3, `${name}: the history is left for later`);
    t.equal(digest(inSteps), expected, `${name}, completed in steps`);
    const store = runNow(estateSteps(opts));
    const copy = store.copy();
    // The copy reads restore sessions first (building the backups' history), the original the rest.
    t.equal(copy.restoreSessions.size, opts.restoreSessions);
    t.ok(pauses(store.complete()) > 0, 'the replication runs were still left');
    t.equal(pauses(copy.complete()), 0, 'and built once for the original and its copy');
    t.equal(digest(store), expected, `${name}, built on first use`);
    t.equal(digest(copy), expected, `${name}, the copy`);
  }
});
