/**
 * A filter answered from the field indexes (src/query/fieldIndex.ts) as a bit set over the
 * candidate positions, and a sorted page read by walking a field's order: the objects themselves
 * are only touched for what has not settled at the query's instant and for the page handed out.
 * The answers are those of the plain engine, to the byte (test/query-index.test.ts compares them).
 */
import type { CompiledFilter } from './compile.js';
import { firstFailing, type CollectionIndex, type FieldIndex } from './fieldIndex.js';
import { compareKeys, type Key, type QueryField } from './fields.js';
import type { Op } from './filterParser.js';

type Item = { id: string };
/** Bit i of word i >> 5 stands for position `lo + i`. */
type Bits = Int32Array;

/** The bits s..e-1 of one word (0 <= s <= e <= 32). */
const span = (s: number, e: number) => (e - s >= 32 ? -1 : ((1 << (e - s)) - 1) << s);

/**
 * The bit sets one query needs, cut from one buffer: a typed array's own backing store costs
 * more to allocate than the loop that fills it. Each set taken is zeroed.
 */
class Arena {
  private readonly buffer: Int32Array;
  private taken = 0;

  constructor(
    private readonly words: number,
    sets: number,
  ) {
    this.buffer = new Int32Array(words * sets);
  }

  take(): Bits {
    const start = this.taken++ * this.words;
    return this.buffer.subarray(start, start + this.words);
  }
}

/** How many sets evaluating `shape` takes: one per comparison, two per OR (found and rest). */
function setsFor<T>(shape: CompiledFilter<T>['shape']): number {
  if (shape.kind === 'cmp') return 1;
  return shape.parts.reduce((n, part) => n + setsFor(part.shape), shape.kind === 'or' ? 2 : 0);
}

// Indexed loops over the bit sets: a typed array's iterator costs several times as much here.
function isEmpty(bits: Bits): boolean {
  for (let i = 0; i < bits.length; i++) if (bits[i] !== 0) return false;
  return true;
}

function count(bits: Bits): number {
  let n = 0;
  for (let i = 0; i < bits.length; i++) {
    let w = bits[i]!;
    w -= (w >>> 1) & 0x55555555;
    w = (w & 0x33333333) + ((w >>> 2) & 0x33333333);
    n += (((w + (w >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  return n;
}

/**
 * What a comparison accepts, as a run of the field's order: order[start..end-1], or everything
 * else (absent readings included) when `negate`.
 */
interface Run {
  start: number;
  end: number;
  negate: boolean;
}

function runOf(fi: FieldIndex, items: readonly unknown[], op: Op, value: Key): Run {
  const { order, absent } = fi;
  const n = order.length;
  const cmp = (i: number) => compareKeys(fi.key(items[order[i]!])!, value);
  const atLeast = firstFailing(absent, n, (i) => cmp(i) < 0);
  const above = firstFailing(atLeast, n, (i) => cmp(i) <= 0);
  switch (op) {
    case '==':
      return { start: atLeast, end: above, negate: false };
    case '!=':
      return { start: atLeast, end: above, negate: true };
    case '<':
      return { start: absent, end: atLeast, negate: false };
    case '<=':
      return { start: absent, end: above, negate: false };
    case '>':
      return { start: above, end: n, negate: false };
    case '>=':
      return { start: atLeast, end: n, negate: false };
  }
}

/** The ranks a run covers, [from, to): a run of the order is a range of ranks. */
function rankRange(fi: FieldIndex, run: Run): { from: number; to: number } {
  const { order, rank } = fi;
  const n = order.length;
  return {
    from: run.start < n ? rank[order[run.start]!]! : n + 1,
    to: run.end < n ? rank[order[run.end]!]! : n + 1,
  };
}

/** For a field of few readings: the bit sets of the readings a run accepts. */
function accepted(fi: FieldIndex, run: Run): Int32Array[] {
  const { from, to } = rankRange(fi, run);
  return fi.members!.filter((_, r) => (r >= from && r < to) !== run.negate);
}

/** The positions in [from, to) (a half-open position range), within `mask`, into `out`. */
function positionRange(out: Bits, lo: number, mask: Bits, from: number, to: number, negate: boolean): Bits {
  for (let w = 0; w < mask.length; w++) {
    const base = lo + (w << 5);
    const s = Math.min(32, Math.max(0, from - base));
    const e = Math.min(32, Math.max(s, to - base));
    const bits = s < e ? span(s, e) : 0;
    out[w] = (negate ? ~bits : bits) & mask[w]!;
  }
  return out;
}

/**
 * The matches of one filter over the candidate positions [lo, hi), and the page read from them.
 * The bits start at the word boundary at or below `lo` (those below it are never set), so a
 * field's bit sets over all positions line up with them word for word.
 */
export class IndexedMatches<T extends Item> {
  readonly bits: Bits;
  readonly total: number;
  private readonly lo: number;
  private readonly arena: Arena;

  constructor(
    private readonly index: CollectionIndex<T>,
    filter: CompiledFilter<T> | undefined,
    private readonly start: number,
    private readonly hi: number,
    private readonly now: number,
  ) {
    this.lo = start & ~31;
    const size = hi - this.lo;
    const words = (size + 31) >>> 5;
    this.arena = new Arena(words, 1 + (filter ? setsFor(filter.shape) : 0));
    // Every candidate: positions [start, hi).
    const all = this.arena.take().fill(-1);
    if (size & 31) all[words - 1] = span(0, size & 31);
    if (words > 0) all[0]! &= span(start - this.lo, 32);
    this.bits = filter ? this.evaluate(filter, all) : all;
    this.total = count(this.bits);
  }

  /** `filter`'s matches among `mask`. */
  private evaluate(filter: CompiledFilter<T>, mask: Bits): Bits {
    const shape = filter.shape;
    if (shape.kind !== 'cmp') return (shape.kind === 'and' ? this.every : this.some).call(this, shape.parts, mask);
    const { field, op, value } = shape;
    if (field.timeKey) return this.timeComparison(op, value as number, mask);
    const fi = this.index.field(field);
    const out = this.comparison(fi, runOf(fi, this.index.items, op, value), mask);
    this.readUnsettled(field, mask, out, (item) => filter.test(item, this.now));
    return out;
  }

  /** AND: each part narrows the mask the next one is asked about. */
  private every(parts: CompiledFilter<T>[], mask: Bits): Bits {
    let m = mask;
    for (const part of parts) {
      if (isEmpty(m)) break;
      m = this.evaluate(part, m);
    }
    return m;
  }

  /** OR: each part is asked only about what the ones before did not match. */
  private some(parts: CompiledFilter<T>[], mask: Bits): Bits {
    const union = this.memberUnion(parts, mask);
    if (union) return union;
    const found = this.arena.take();
    const rest = this.arena.take();
    rest.set(mask);
    for (let i = 0; i < parts.length; i++) {
      if (isEmpty(rest)) break;
      const got = this.evaluate(parts[i]!, rest);
      const last = i === parts.length - 1;
      for (let w = 0; w < got.length; w++) {
        found[w]! |= got[w]!;
        if (!last) rest[w]! &= ~got[w]!;
      }
    }
    return found;
  }

  /**
   * An OR of comparisons on one field of few readings (`Result==Warning,Result==Failed`): one pass
   * over the union of the readings' bit sets, instead of a pass per part and per merge.
   */
  private memberUnion(parts: CompiledFilter<T>[], mask: Bits): Bits | undefined {
    const first = parts[0]!.shape;
    if (first.kind !== 'cmp' || first.field.timeKey) return undefined;
    const field = first.field;
    if (!parts.every((p) => p.shape.kind === 'cmp' && p.shape.field === field)) return undefined;
    const fi = this.index.field(field);
    if (!fi.members) return undefined;
    const sets = new Set<Int32Array>();
    for (const part of parts) {
      const { op, value } = part.shape as { op: Op; value: Key };
      for (const set of accepted(fi, runOf(fi, this.index.items, op, value))) sets.add(set);
    }
    const out = this.orMembers(sets, mask);
    this.readUnsettled(field, mask, out, (item) => parts.some((p) => p.test(item, this.now)));
    return out;
  }

  /** The positions of `mask` in any of `sets` (bit sets over all positions). */
  private orMembers(sets: Iterable<Int32Array>, mask: Bits): Bits {
    const out = this.arena.take();
    // The sets cover all positions and `lo` is word-aligned: word w here is word k + w there.
    const k = this.lo >>> 5;
    for (const set of sets) for (let w = 0; w < out.length; w++) out[w]! |= set[k + w]! & mask[w]!;
    return out;
  }

  /** A comparison on the time key is a range of positions: the collection's own binary search. */
  private timeComparison(op: Op, v: number, mask: Bits): Bits {
    const c = this.index.collection;
    const from = op === '>' ? c.upperBound(v) : op === '<' || op === '<=' ? 0 : c.lowerBound(v);
    const to = op === '<' ? c.lowerBound(v) : op === '>' || op === '>=' ? Infinity : c.upperBound(v);
    // Mostly the bounds the candidates were cut by: then nothing is left to narrow.
    if (op !== '!=' && from <= this.start && to >= this.hi) return mask;
    return positionRange(this.arena.take(), this.lo, mask, from, to, op === '!=');
  }

  /**
   * A run of the order within `mask`: by visiting the run's positions when it is shorter than
   * the candidates, else by scanning the candidates' ranks (the run is a range of ranks).
   */
  private comparison(fi: FieldIndex, run: Run, mask: Bits): Bits {
    const { order, rank } = fi;
    const lo = this.lo;
    const hi = this.hi;
    if (fi.members) {
      const sets = accepted(fi, run);
      if (sets.length * mask.length < Math.min(run.end - run.start, hi - lo)) return this.orMembers(sets, mask);
    }
    const { from, to } = rankRange(fi, run);
    const out = this.arena.take();
    if (run.end - run.start < hi - lo) {
      if (run.negate) out.set(mask);
      for (let i = run.start; i < run.end; i++) {
        const p = order[i]!;
        if (p < lo || p >= hi) continue;
        const w = (p - lo) >>> 5;
        const bit = 1 << ((p - lo) & 31);
        if (run.negate) out[w]! &= ~bit;
        else out[w]! |= bit;
      }
      if (!run.negate) for (let w = 0; w < out.length; w++) out[w]! &= mask[w]!;
      return out;
    }
    for (let w = 0; w < mask.length; w++) {
      const m = mask[w]!;
      if (m === 0) continue;
      let p = lo + (w << 5);
      const last = Math.min(32, hi - p);
      let bits = 0;
      for (let j = 0; j < last; j++, p++) {
        const r = rank[p]!;
        if (r >= from && r < to) bits |= 1 << j;
      }
      out[w] = (run.negate ? ~bits : bits) & m;
    }
    return out;
  }

  /** Objects of `mask` that have not settled `field` at now: their bit in `out` is read live. */
  private readUnsettled(field: QueryField<T>, mask: Bits, out: Bits, live: (item: T) => boolean): void {
    const items = this.index.items;
    const settlesAt = field.settlesAt;
    for (let p = Math.max(this.lo, this.index.firstUnsettled(field, this.now)); p < this.hi; p++) {
      const w = (p - this.lo) >>> 5;
      const bit = 1 << ((p - this.lo) & 31);
      if (!(mask[w]! & bit) || settlesAt!(items[p]!) <= this.now) continue;
      out[w] = live(items[p]!) ? out[w]! | bit : out[w]! & ~bit;
    }
  }

  /** The matches in store order. */
  items(): T[] {
    const items = this.index.items;
    const out: T[] = [];
    for (let w = 0; w < this.bits.length; w++) {
      let m = this.bits[w]!;
      while (m !== 0) {
        const low = m & -m;
        out.push(items[this.lo + (w << 5) + 31 - Math.clz32(low)]!);
        m ^= low;
      }
    }
    return out;
  }

  /**
   * Matches start..end-1 sorted by `field` (ties by id), walking the field's order; undefined
   * when sorting the matches themselves costs less (few of them), or when a match's reading of
   * a clock-driven field has not settled (its place in the order is not yet known).
   */
  sortedPage(field: QueryField<T>, desc: boolean, start: number, end: number): T[] | undefined {
    const n = this.index.items.length;
    // The walk visits about end/total of the order; sorting the matches costs ~log(total) reads each.
    if ((end / this.total) * n > this.total * 16) return undefined;
    const items = this.index.items;
    const { bits, lo, hi, now } = this;
    const has = (p: number) => {
      const i = p - lo;
      return i >= 0 && p < hi && (bits[i >>> 5]! & (1 << (i & 31))) !== 0;
    };
    const settlesAt = field.settlesAt;
    for (let p = Math.max(lo, this.index.firstUnsettled(field, now)); p < hi; p++)
      if (has(p) && settlesAt!(items[p]!) > now) return undefined;
    const order = desc ? this.index.descendingOrder(field) : this.index.sortOrder(field).order;
    // Every match lies on the walk and end <= total, so it always fills the page.
    const page: T[] = [];
    for (let i = 0, seen = 0; seen < end; i++) {
      const p = order[i]!;
      if (has(p) && seen++ >= start) page.push(items[p]!);
    }
    return page;
  }
}
