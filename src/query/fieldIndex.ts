/**
 * Indexes a query keeps over one version of a collection, built lazily per field and dropped when
 * the collection changes (`Collection.version`). A field's index is the dense rank of each
 * position's reading (equal readings, compared as `compareKeys` does, share a rank) and the
 * positions in ascending order of reading. A comparison on the field is then a run of that order
 * (two binary searches), answered by visiting the run, scanning ranks or, for a field of few
 * readings, OR-ing bit sets; a sorted page is a walk down the order (src/query/indexedQuery.ts).
 *
 * Clock-driven fields (`settlesAt`) are indexed by their settled reading; whatever has not settled
 * at the query's instant is read live instead (`firstUnsettled`).
 */
import type { Collection } from '../../data/collection.js';
import { keyReader, type Key, type QueryField } from './fields.js';

export interface FieldIndex {
  /** 1 + the rank of each position's reading among the distinct readings; 0 when absent. */
  rank: Int32Array;
  /** Positions by reading (absent first): the field's ascending sort once ties are by id (`tiesById`). */
  order: Int32Array;
  tiesById?: boolean;
  /** `order` read backwards, each run of equal readings still in id order: `sortDesc` (`descendingOrder`). */
  descending?: Int32Array;
  /** Positions reading absent: the head of `order`. */
  absent: number;
  /** The (settled) reading the index holds for an object. */
  key: (item: unknown) => Key | undefined;
  /**
   * For a field of few distinct readings (enums, booleans, a handful of servers): per rank, a bit
   * set of the positions holding it (bit p & 31 of word p >> 5), so a comparison costs a few
   * word operations per 32 candidates.
   */
  members?: Int32Array[];
}

/** Up to this many ranks (absent included) a field also keeps `members`: 16 bits per object at most. */
const MEMBER_SETS = 16;

/** Collections smaller than this are answered without indexes: a scan costs less than building. */
export const INDEXED_FROM = 2000;

type Item = { id: string };
type Settle<T> = (item: T) => number;

const byId = (ids: readonly string[]) => (a: number, b: number) =>
  ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : a - b;

/** The first index in [lo, hi) where `pass` turns false (it must be monotone): a binary search. */
export function firstFailing(lo: number, hi: number, pass: (i: number) => boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pass(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Dense ranks (from 1) of present numbers: a typed sort, then a binary search each. */
function numberRanks(keys: readonly (number | undefined)[]): Int32Array {
  const values = new Float64Array(keys.filter((k) => k !== undefined)).sort();
  let distinct = 0;
  for (let i = 0; i < values.length; i++)
    if (i === 0 || values[i] !== values[distinct - 1]) values[distinct++] = values[i]!;
  const rank = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (k !== undefined) rank[i] = firstFailing(0, distinct, (j) => values[j]! < k) + 1;
  }
  return rank;
}

/**
 * Dense ranks (from 1) of present strings by their lower case, the order compareFolded gives.
 * The distinct strings are sorted without a comparator (by code unit, as `<` compares).
 */
function stringRanks(keys: readonly (string | undefined)[]): Int32Array {
  const folded = keys.map((k) => k?.toLowerCase());
  const present = new Set(folded);
  present.delete(undefined);
  const sorted = ([...present] as string[]).sort();
  const rankOf = new Map<string, number>();
  for (let i = 0; i < sorted.length; i++) rankOf.set(sorted[i]!, i + 1);
  return Int32Array.from(folded, (k) => (k === undefined ? 0 : rankOf.get(k)!));
}

/** The indexes of one collection version. */
export class CollectionIndex<T extends Item> {
  private readonly fields = new Map<QueryField<T>, FieldIndex>();
  /** Per settling rule: the running maximum of the settle instants, position by position. */
  private readonly settles = new Map<Settle<T>, Float64Array>();

  constructor(
    readonly collection: Collection<T>,
    readonly version: number,
  ) {}

  get items(): readonly T[] {
    return this.collection.all();
  }

  field(field: QueryField<T>): FieldIndex {
    let index = this.fields.get(field);
    if (!index) {
      index = this.build(field);
      this.fields.set(field, index);
    }
    return index;
  }

  private build(field: QueryField<T>): FieldIndex {
    const read = keyReader(field);
    const settlesAt = field.settlesAt;
    // A static field ignores the instant; a settling one is read once it has settled.
    const key = settlesAt
      ? (item: T) => {
          const at = settlesAt(item);
          return at === Infinity ? undefined : read(item, at);
        }
      : (item: T) => read(item, 0);
    const items = this.items;
    const keys = items.map(key);
    // A field's keys are all numbers (dates, numbers, enum positions, booleans) or all strings.
    const rank = keys.some((k) => typeof k === 'string')
      ? stringRanks(keys as (string | undefined)[])
      : numberRanks(keys as (number | undefined)[]);
    // A counting sort by rank; ties stay in position order until the field is sorted on (`sortOrder`).
    const starts = new Int32Array(items.length + 2);
    for (const r of rank) starts[r + 1]!++;
    for (let r = 1; r < starts.length; r++) starts[r]! += starts[r - 1]!;
    const order = new Int32Array(items.length);
    for (let p = 0; p < rank.length; p++) order[starts[rank[p]!]!++] = p;
    const index: FieldIndex = { rank, order, absent: starts[0]!, key: key as (item: unknown) => Key | undefined };
    const ranks = rank.reduce((a, b) => Math.max(a, b), 0) + 1;
    if (ranks <= MEMBER_SETS) {
      index.members = Array.from({ length: ranks }, () => new Int32Array((items.length + 31) >>> 5));
      for (let p = 0; p < rank.length; p++) index.members[rank[p]!]![p >>> 5]! |= 1 << (p & 31);
    }
    return index;
  }

  /**
   * The field's index with each run of equal readings in id order, the engine's tie order: done
   * on the first sort by the field, as a filter never needs it (its runs are whole readings), and
   * a field of unique readings (names) has nothing to order.
   */
  sortOrder(field: QueryField<T>): FieldIndex {
    const index = this.field(field);
    if (!index.tiesById) {
      const { order, rank } = index;
      const ids = this.items.map((x) => x.id);
      for (let i = 0; i < order.length; ) {
        let j = i + 1;
        while (j < order.length && rank[order[j]!] === rank[order[i]!]) j++;
        if (j - i > 1) order.subarray(i, j).sort(byId(ids));
        i = j;
      }
      index.tiesById = true;
    }
    return index;
  }

  /**
   * The positions by reading, descending, with ties by id ascending (the engine's tie order in
   * both directions): built on the first descending sort by the field.
   */
  descendingOrder(field: QueryField<T>): Int32Array {
    const index = this.sortOrder(field);
    if (!index.descending) {
      const { order, rank } = index;
      const descending = new Int32Array(order.length);
      let o = 0;
      for (let i = order.length - 1; i >= 0; ) {
        let j = i;
        while (j > 0 && rank[order[j - 1]!] === rank[order[i]!]) j--;
        for (let k = j; k <= i; k++) descending[o++] = order[k]!;
        i = j - 1;
      }
      index.descending = descending;
    }
    return index.descending;
  }

  /**
   * The first position from which objects may not have settled `field` at `now` (each must then
   * still be asked: `field.settlesAt(item) > now`); the collection's size when all have.
   */
  firstUnsettled(field: QueryField<T>, now: number): number {
    const settlesAt = field.settlesAt;
    if (!settlesAt) return this.items.length;
    let max = this.settles.get(settlesAt);
    if (!max) {
      const items = this.items;
      max = new Float64Array(items.length);
      let m = -Infinity;
      for (let i = 0; i < items.length; i++) max[i] = m = Math.max(m, settlesAt(items[i]!));
      this.settles.set(settlesAt, max);
    }
    return firstFailing(0, max.length, (i) => max[i]! <= now);
  }

  /** Bytes held by the typed arrays built so far. */
  bytes(): number {
    let total = 0;
    for (const f of this.fields.values()) {
      total += f.rank.byteLength + f.order.byteLength + (f.descending?.byteLength ?? 0);
      for (const m of f.members ?? []) total += m.byteLength;
    }
    for (const s of this.settles.values()) total += s.byteLength;
    return total;
  }
}

interface Slot {
  index?: CollectionIndex<Item>;
  /** The version a query last asked about. */
  asked: number;
}
const slots = new WeakMap<Collection<Item>, Slot>();

/**
 * The collection's indexes for its current version. `auto` builds them only for a collection of
 * at least INDEXED_FROM objects and only when a second query comes in the same version, so a
 * client changing the collection between every query never pays a build it does not reuse;
 * `always` builds at once (tests compare both paths).
 */
export function collectionIndex<T extends Item>(
  collection: Collection<T>,
  use: 'auto' | 'always',
): CollectionIndex<T> | undefined {
  const c = collection as unknown as Collection<Item>;
  const version = c.version;
  let slot = slots.get(c);
  if (!slot) slots.set(c, (slot = { asked: -1 }));
  if (slot.index?.version !== version) {
    const askedBefore = slot.asked === version;
    slot.asked = version;
    slot.index = undefined;
    if (use === 'auto' && (c.size < INDEXED_FROM || !askedBefore)) return undefined;
    slot.index = new CollectionIndex(c, version);
  }
  return slot.index as unknown as CollectionIndex<T>;
}
