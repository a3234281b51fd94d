import type { Collection } from '../../data/collection.js';
import { compareKeys, keyReader, type Key, type QueryField } from './fields.js';
import type { CompiledFilter } from './compile.js';
import { collectionIndex } from './fieldIndex.js';
import { IndexedMatches } from './indexedQuery.js';

/** Reported page size of an unpaged query: 100, or the whole result when larger (decision D). */
export const UNPAGED_PAGE_SIZE = 100;

export interface QueryPlan<T> {
  filter?: CompiledFilter<T>;
  sort?: { field: QueryField<T>; desc: boolean };
  /** Undefined: everything on one page. */
  pageSize?: number;
  /** 1-based. */
  page: number;
}

export interface QueryPage<T> {
  items: T[];
  total: number;
  pageNum: number;
  pageSize: number;
  pagesCount: number;
}

/** One page of an in-memory list, counted as a query's pages are (at least one page). */
export function pageOf<T>(all: readonly T[], pageSize: number, page: number): QueryPage<T> {
  const start = Math.min(all.length, (page - 1) * pageSize);
  return {
    items: all.slice(start, start + pageSize),
    total: all.length,
    pageNum: page,
    pageSize,
    pagesCount: Math.max(1, Math.ceil(all.length / pageSize)),
  };
}

/** A read-only run of items: a window of the store's own array, or the filtered matches. */
interface Seq<T> {
  length: number;
  at(i: number): T;
}

function window<T>(arr: readonly T[], from: number, to: number): Seq<T> {
  return { length: Math.max(0, to - from), at: (i) => arr[from + i]! };
}

/** The candidate positions: the filter's time range (a binary search) among the objects that exist. */
function candidates<T extends { id: string }>(
  collection: Collection<T>,
  filter: CompiledFilter<T> | undefined,
  now: number,
): { start: number; end: number } {
  const existing = collection.upperBound(now);
  if (!filter) return { start: 0, end: existing };
  const { from, to } = filter.range;
  if (from > to) return { start: 0, end: 0 };
  const start = from === -Infinity ? 0 : collection.lowerBound(from);
  const end = Math.min(existing, to === Infinity ? collection.size : collection.upperBound(to));
  return { start, end: Math.max(start, end) };
}

/**
 * The candidates narrowed by the filter; never copies the store. Objects timed after the clock
 * (a run not yet started, a session injected for later) do not exist yet, as in the collections.
 */
function matches<T extends { id: string }>(
  collection: Collection<T>,
  filter: CompiledFilter<T> | undefined,
  now: number,
): Seq<T> {
  const all = collection.all();
  const { start, end } = candidates(collection, filter, now);
  if (!filter || filter.exact) return window(all, start, end);
  const found: T[] = [];
  for (let i = start; i < end; i++) {
    const item = all[i]!;
    if (filter.test(item, now)) found.push(item);
  }
  return window(found, 0, found.length);
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Absent values sort first ascending (and so last descending), as SQL Server sorts NULLs. */
function compareOptional(a: Key | undefined, b: Key | undefined): number {
  if (a === undefined) return b === undefined ? 0 : -1;
  if (b === undefined) return 1;
  return compareKeys(a, b);
}

/**
 * A page of the matches in time order. They already are in that order except among equal
 * times, so only the page's window (widened to whole runs of equal times) is sorted by UID.
 */
function timeOrderedPage<T extends { id: string }>(
  seq: Seq<T>,
  key: (t: T) => Key | undefined,
  desc: boolean,
  start: number,
  end: number,
): T[] {
  const n = seq.length;
  const at = (j: number) => seq.at(desc ? n - 1 - j : j);
  let lo = start;
  const first = key(at(start));
  while (lo > 0 && key(at(lo - 1)) === first) lo--;
  let hi = end;
  const last = key(at(end - 1));
  while (hi < n && key(at(hi)) === last) hi++;
  const win: T[] = [];
  for (let j = lo; j < hi; j++) win.push(at(j));
  const dir = desc ? -1 : 1;
  win.sort((a, b) => dir * compareOptional(key(a), key(b)) || byId(a, b));
  return win.slice(start - lo, end - lo);
}

type Row<T> = { item: T; key: Key | undefined };

/**
 * The first `k` rows in `cmp` order without sorting them all: a max-heap of the best `k` seen
 * so far, O(n log k). Early pages (the usual request) then cost little more than the filter.
 */
function smallest<T>(rows: Row<T>[], k: number, cmp: (a: Row<T>, b: Row<T>) => number): Row<T>[] {
  const heap: Row<T>[] = [];
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < heap.length && cmp(heap[l]!, heap[top]!) > 0) top = l;
      if (r < heap.length && cmp(heap[r]!, heap[top]!) > 0) top = r;
      if (top === i) return;
      [heap[i], heap[top]] = [heap[top]!, heap[i]!];
      i = top;
    }
  };
  for (const row of rows) {
    if (heap.length < k) {
      heap.push(row);
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (cmp(heap[i]!, heap[parent]!) <= 0) break;
        [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
        i = parent;
      }
    } else if (cmp(row, heap[0]!) < 0) {
      heap[0] = row;
      siftDown(0);
    }
  }
  return heap.sort(cmp);
}

/** Any other field: decorate with the key once, then select or sort, ties by UID. */
function sortedPage<T extends { id: string }>(
  seq: Seq<T>,
  key: (t: T) => Key | undefined,
  desc: boolean,
  start: number,
  end: number,
): T[] {
  const rows: Row<T>[] = [];
  for (let i = 0; i < seq.length; i++) {
    const item = seq.at(i);
    rows.push({ item, key: key(item) });
  }
  const dir = desc ? -1 : 1;
  const cmp = (a: Row<T>, b: Row<T>) => dir * compareOptional(a.key, b.key) || byId(a.item, b.item);
  const ordered = end * 4 <= rows.length ? smallest(rows, end, cmp) : rows.sort(cmp);
  return ordered.slice(start, end).map((r) => r.item);
}

/**
 * The filter's matches from the field indexes, when they help: a filter that is not a bare time
 * range, or a sort on another field than the time key. Undefined: the plain scan answers.
 */
function indexed<T extends { id: string }>(
  collection: Collection<T>,
  plan: QueryPlan<T>,
  now: number,
  use: IndexUse,
): IndexedMatches<T> | undefined {
  const filtered = plan.filter !== undefined && !plan.filter.exact;
  const sorted = plan.sort !== undefined && !plan.sort.field.timeKey;
  if (use === 'never' || !(filtered || sorted)) return undefined;
  const index = collectionIndex(collection, use);
  if (!index) return undefined;
  const { start, end } = candidates(collection, plan.filter, now);
  return new IndexedMatches(index, plan.filter, start, end, now);
}

/** Whether a query may use the field indexes: `auto` once they pay (src/query/fieldIndex.ts). */
export type IndexUse = 'auto' | 'always' | 'never';

/** Filters, sorts and pages one collection. Without a sort the store's order (oldest first) holds. */
export function runQuery<T extends { id: string }>(
  collection: Collection<T>,
  plan: QueryPlan<T>,
  now: number,
  use: IndexUse = 'auto',
): QueryPage<T> {
  const found = indexed(collection, plan, now, use);
  let seq = found ? undefined : matches(collection, plan.filter, now);
  const total = found ? found.total : seq!.length;
  const pageSize = plan.pageSize ?? Math.max(UNPAGED_PAGE_SIZE, total);
  const pagesCount = Math.max(1, Math.ceil(total / pageSize));
  const start = Math.min(total, (plan.page - 1) * pageSize);
  const end = Math.min(total, start + pageSize);
  let items: T[] = [];
  if (start < end) {
    const sort = plan.sort;
    const walked = sort && !sort.field.timeKey ? found?.sortedPage(sort.field, sort.desc, start, end) : undefined;
    if (walked) return { items: walked, total, pageNum: plan.page, pageSize, pagesCount };
    if (!seq) {
      const list = found!.items();
      seq = window(list, 0, list.length);
    }
    if (!sort) {
      for (let i = start; i < end; i++) items.push(seq.at(i));
    } else {
      const read = keyReader(sort.field);
      const key = (t: T) => read(t, now);
      items = (sort.field.timeKey ? timeOrderedPage : sortedPage)(seq, key, sort.desc, start, end);
    }
  }
  return { items, total, pageNum: plan.page, pageSize, pagesCount };
}
