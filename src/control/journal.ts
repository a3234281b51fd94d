import { normalizePath } from '../routing.js';
import { pathPattern } from './pathPattern.js';

/** Characters of a request body kept in the journal (bounded, like the journal itself). */
export const BODY_KEPT = 4096;

/** One request as the client sent it and as the mock answered it. */
export interface JournalEntry {
  /** Increasing number of the request since start-up or the last reset. */
  seq: number;
  /** Mock-clock instant the request arrived. */
  time: string;
  method: string;
  /** Path and query as sent. */
  url: string;
  /** HTTP status sent, or null when a fault dropped the connection. */
  status: number | null;
  /** The logon session's user, or the user named in Basic credentials. */
  user: string | null;
  headers: Record<string, string | string[] | undefined>;
  bodyBytes: number;
  /**
   * The request body as text, for requests that change something (POST, PUT, PATCH, DELETE with
   * a body): the first BODY_KEPT characters, so a test can check what its client sent to an action.
   */
  body: string | null;
  /** Real milliseconds spent answering. */
  durationMs: number;
  /** Id of the fault rule applied, if one was. */
  fault: number | null;
}

export interface JournalFilter {
  method?: string | undefined;
  /** A path pattern (see pathPattern). */
  path?: string | undefined;
  /** An exact status (`404`) or a class (`4xx`). */
  status?: string | undefined;
  limit?: number | undefined;
}

/** `404` or `4xx`, else undefined. */
export function statusMatcher(s: string): ((status: number | null) => boolean) | undefined {
  const exact = /^\s*([1-5]\d\d)\s*$/.exec(s);
  if (exact) return (status) => status === Number(exact[1]);
  const cls = /^\s*([1-5])xx\s*$/i.exec(s);
  if (cls) return (status) => status !== null && Math.floor(status / 100) === Number(cls[1]);
  return undefined;
}

/**
 * The request journal: a ring buffer of the last `capacity` requests, so a week-long run keeps
 * constant memory. Listing is newest first.
 */
export class Journal {
  private entries: (JournalEntry | undefined)[];
  private next = 0;
  private seq = 0;

  constructor(readonly capacity: number) {
    this.entries = new Array<JournalEntry | undefined>(capacity);
  }

  /** Numbers the entry and keeps it, dropping the oldest when full. */
  record(entry: Omit<JournalEntry, 'seq'>): void {
    const seq = ++this.seq;
    if (this.capacity === 0) return;
    this.entries[this.next] = { seq, ...entry };
    this.next = (this.next + 1) % this.capacity;
  }

  /** Requests recorded since start-up or clear, including those no longer kept. */
  get total(): number {
    return this.seq;
  }

  get size(): number {
    return Math.min(this.seq, this.capacity);
  }

  list(filter: JournalFilter = {}): JournalEntry[] {
    const method = filter.method?.toUpperCase();
    const path = filter.path === undefined ? undefined : pathPattern(filter.path);
    const status = filter.status === undefined ? undefined : statusMatcher(filter.status);
    const limit = filter.limit ?? Infinity;
    const out: JournalEntry[] = [];
    for (let k = 1; k <= this.size && out.length < limit; k++) {
      const e = this.entries[(this.next - k + this.capacity) % this.capacity]!;
      if (method !== undefined && e.method !== method) continue;
      if (path !== undefined && !path.test(normalizePath(e.url))) continue;
      if (status !== undefined && !status(e.status)) continue;
      out.push(e);
    }
    return out;
  }

  clear(): void {
    this.entries = new Array<JournalEntry | undefined>(this.capacity);
    this.next = 0;
    this.seq = 0;
  }
}
