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

/** The journal's bound in bytes (an estimate of what its entries hold), beside its entry count. */
export const JOURNAL_MAX_BYTES = 8 * 1024 * 1024;
/** Header values and URLs are kept up to this many characters, then marked as truncated. */
export const JOURNAL_MAX_VALUE = 1024;
/** The fixed fields of an entry, in bytes, for the byte bound. */
const ENTRY_OVERHEAD = 200;

export const REDACTED = '[redacted]';

/** Headers whose values are secrets: credentials, logon tokens, cookies. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'x-restsvcsessionid']);
const COOKIE_HEADERS = new Set(['cookie', 'set-cookie']);

function truncated(v: string, max = JOURNAL_MAX_VALUE): string {
  return v.length <= max ? v : `${v.slice(0, max)}…[truncated ${v.length - max} characters]`;
}

/** The scheme stays (it tells Basic from a token); what follows it does not. */
function redactCredentials(v: string): string {
  const scheme = /^\s*([A-Za-z][\w-]*)\s+\S/.exec(v);
  return scheme ? `${scheme[1]} ${REDACTED}` : REDACTED;
}

/** Cookie names stay, their values do not. */
function redactCookies(v: string): string {
  return v
    .split(';')
    .map((part) => {
      const eq = part.indexOf('=');
      return eq < 0 ? part : `${part.slice(0, eq)}=${REDACTED}`;
    })
    .join(';');
}

/** Headers as the journal keeps them: secrets redacted (unless shown), long values truncated. */
export function journalHeaders(
  headers: Record<string, string | string[] | undefined>,
  showSecrets: boolean,
): Record<string, string | string[] | undefined> {
  const out: Record<string, string | string[] | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    const keep = (v: string) => {
      const shown = showSecrets
        ? v
        : SECRET_HEADERS.has(name)
          ? redactCredentials(v)
          : COOKIE_HEADERS.has(name)
            ? redactCookies(v)
            : v;
      return truncated(shown);
    };
    out[name] = Array.isArray(value) ? value.map(keep) : value === undefined ? undefined : keep(value);
  }
  return out;
}

function entryBytes(e: JournalEntry): number {
  let n = ENTRY_OVERHEAD + e.url.length + e.method.length + (e.user?.length ?? 0) + (e.body?.length ?? 0);
  for (const [name, value] of Object.entries(e.headers)) {
    n += name.length + (Array.isArray(value) ? value.reduce((a, v) => a + v.length, 0) : (value?.length ?? 0));
  }
  return n;
}

/**
 * The request journal: the last `capacity` requests within JOURNAL_MAX_BYTES, so a week-long run
 * keeps bounded memory whatever its requests carry. Listing is newest first. Secrets are redacted
 * as they are recorded (unless `showSecrets`), so the mock never holds them longer than a request.
 */
export class Journal {
  /** Oldest first from `head`; the slots before it are dropped entries awaiting compaction. */
  private entries: { entry: JournalEntry; bytes: number }[] = [];
  private head = 0;
  private bytes = 0;
  private seq = 0;

  constructor(
    readonly capacity: number,
    private readonly showSecrets = false,
    readonly maxBytes = JOURNAL_MAX_BYTES,
  ) {}

  /** Numbers the entry and keeps it, dropping the oldest while over either bound. */
  record(entry: Omit<JournalEntry, 'seq'>): void {
    const seq = ++this.seq;
    if (this.capacity === 0) return;
    const kept: JournalEntry = {
      seq,
      ...entry,
      url: truncated(entry.url, 2 * JOURNAL_MAX_VALUE),
      headers: journalHeaders(entry.headers, this.showSecrets),
    };
    const bytes = entryBytes(kept);
    this.entries.push({ entry: kept, bytes });
    this.bytes += bytes;
    while (this.size > 1 && (this.size > this.capacity || this.bytes > this.maxBytes)) {
      this.bytes -= this.entries[this.head]!.bytes;
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }

  /** Requests recorded since start-up or clear, including those no longer kept. */
  get total(): number {
    return this.seq;
  }

  get size(): number {
    return this.entries.length - this.head;
  }

  list(filter: JournalFilter = {}): JournalEntry[] {
    const method = filter.method?.toUpperCase();
    const path = filter.path === undefined ? undefined : pathPattern(filter.path);
    const status = filter.status === undefined ? undefined : statusMatcher(filter.status);
    const limit = filter.limit ?? Infinity;
    const out: JournalEntry[] = [];
    for (let k = this.entries.length - 1; k >= this.head && out.length < limit; k--) {
      const e = this.entries[k]!.entry;
      if (method !== undefined && e.method !== method) continue;
      if (path !== undefined && !path.test(normalizePath(e.url))) continue;
      if (status !== undefined && !status(e.status)) continue;
      out.push(e);
    }
    return out;
  }

  clear(): void {
    this.entries = [];
    this.head = 0;
    this.bytes = 0;
    this.seq = 0;
  }
}
