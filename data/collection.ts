/**
 * One resource type's objects: an array kept in order of a time key (so ranges are binary
 * searches) and an index by GUID. Reads hand out the array itself; nothing copies it per request.
 */
export class Collection<T extends { id: string }> {
  private readonly items: T[] = [];
  private readonly byId = new Map<string, T>();

  constructor(private readonly timeOf: (item: T) => number = () => 0) {}

  get size(): number {
    return this.items.length;
  }

  /** All objects, oldest first (read-only view). */
  all(): readonly T[] {
    return this.items;
  }

  get(id: string): T | undefined {
    return this.byId.get(id.toLowerCase());
  }

  /** Inserts keeping the time order; ties keep insertion order. */
  add(item: T): void {
    const key = this.timeOf(item);
    let i = this.items.length;
    if (i > 0 && this.timeOf(this.items[i - 1]!) > key) i = this.upperBound(key);
    this.items.splice(i, 0, item);
    this.byId.set(item.id.toLowerCase(), item);
  }

  /** Adds many at once: one stable sort instead of one insertion each. */
  addAll(items: Iterable<T>): void {
    for (const item of items) {
      this.items.push(item);
      this.byId.set(item.id.toLowerCase(), item);
    }
    this.items.sort((a, b) => this.timeOf(a) - this.timeOf(b));
  }

  /** A collection of its own over the same objects (they are immutable once generated). */
  copy(): Collection<T> {
    const c = new Collection<T>(this.timeOf);
    c.items.push(...this.items);
    for (const [k, v] of this.byId) c.byId.set(k, v);
    return c;
  }

  /**
   * Puts a changed copy in the place of the object with the same id (same time key). Objects are
   * shared between store copies, so a change is a new object, never an edit of the old one.
   */
  replace(next: T): T {
    const old = this.get(next.id);
    if (!old) throw new Error(`replace: no object ${next.id}`);
    this.items[this.items.indexOf(old)] = next;
    this.byId.set(next.id.toLowerCase(), next);
    return old;
  }

  remove(id: string): T | undefined {
    const item = this.get(id);
    if (!item) return undefined;
    this.items.splice(this.items.indexOf(item), 1);
    this.byId.delete(id.toLowerCase());
    return item;
  }

  /** First index whose time is >= t. */
  lowerBound(t: number): number {
    return this.search((time) => time < t);
  }

  /** First index whose time is > t. */
  upperBound(t: number): number {
    return this.search((time) => time <= t);
  }

  /** Binary search: the first index where `before(time)` turns false (it is monotone in time). */
  private search(before: (time: number) => boolean): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(this.timeOf(this.items[mid]!))) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The objects whose time is in [from, to], oldest first. */
  between(from: number, to: number): T[] {
    return this.items.slice(this.lowerBound(from), this.upperBound(to));
  }
}
