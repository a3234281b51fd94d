/**
 * Answer bytes reused while the model cannot have changed them. An entry holds the body built at
 * `from` in model epoch `epoch`, and the route's promise that nothing it shows changes before
 * `until` (a session entering or leaving a window, a running session's next progress step).
 * It is served only in the same epoch (no injection, deletion, reset, clock move, fault rule
 * change or action since) and while from <= now < until, so a clock moved backwards misses too.
 * Keys carry everything else the bytes depend on (route, query, format, base URL).
 */
interface Entry {
  epoch: number;
  from: number;
  until: number;
  body: Buffer;
}

/** Keys are client-chosen (a Host header, a query string): both the count and the bytes are capped. */
const MAX_ENTRIES = 512;
const MAX_BYTES = 64 * 1024 * 1024;

export class ResponseCache {
  /** Off: every answer is built afresh (tests compare both paths). */
  enabled = true;
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  get(key: string, epoch: number, now: number): Buffer | undefined {
    if (!this.enabled) return undefined;
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.epoch === epoch && entry.from <= now && now < entry.until) return entry.body;
    this.drop(key, entry);
    return undefined;
  }

  set(key: string, epoch: number, from: number, until: number, body: Buffer): void {
    // An entry valid for this millisecond only still serves a frozen clock.
    if (!this.enabled || body.length > MAX_BYTES / 4) return;
    const old = this.entries.get(key);
    if (old) this.drop(key, old);
    this.entries.set(key, { epoch, from, until, body });
    this.bytes += body.length;
    // Oldest first (Map order): evict until both caps hold.
    for (const [k, e] of this.entries) {
      if (this.entries.size <= MAX_ENTRIES && this.bytes <= MAX_BYTES) break;
      this.drop(k, e);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private drop(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.body.length;
  }
}
