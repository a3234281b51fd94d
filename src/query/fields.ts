/**
 * Query fields: what a resource type lets `/query` filter and sort on. A type declares them as
 * data; the engine knows only the kinds below.
 */

export type FieldKind = 'string' | 'date' | 'enum' | 'uid' | 'number' | 'bool';

/** A field's raw reading: strings (string, uid, enum), epoch ms (date), numbers, booleans. */
export type FieldReading = string | number | boolean | undefined;

export interface QueryField<T> {
  /** The documented name; matched case-insensitively. */
  name: string;
  kind: FieldKind;
  /** For enums: the values in their documented order. Comparisons use the position. */
  values?: readonly string[];
  /** `undefined` means the value is absent (EndTime of a running session). */
  get(item: T, now: number): FieldReading;
  /** Set on the field the store keeps the collection ordered by, so ranges are binary searches. */
  timeKey?: boolean;
  /**
   * Set on a field whose reading moves with the clock: from this instant on it no longer does (a
   * session's State, Result and EndTime once it has ended); Infinity if it never settles (NextRun).
   * A field without it reads the same at any instant, which lets the query indexes keep it
   * (src/query/fieldIndex.ts; test/query-index.test.ts checks every declared field).
   */
  settlesAt?: (item: T) => number;
}

/** A comparable value: numbers (dates, enum positions, booleans), or strings compared case-insensitively. */
export type Key = number | string;

/** Thrown for a value that does not fit its field; the parser adds the position. */
export class ValueError extends Error {}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?Z?$/i;

/**
 * A filter date, always UTC: `2026-01-31`, `2026-01-31T12:00`, `2026-01-31T12:00:00`, with or
 * without a fraction (up to .NET's 7 digits) and a trailing `Z`.
 */
export function parseFilterDate(text: string): number | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h = '0', mi = '0', s = '0', frac = ''] = m.slice(1);
  const ms = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s),
    Number(frac.padEnd(3, '0').slice(0, 3)),
  );
  // Date.UTC rolls 2026-02-31 over into March; a date that does not round-trip does not exist.
  const back = new Date(ms);
  if (back.getUTCFullYear() !== Number(y) || back.getUTCMonth() !== Number(mo) - 1 || back.getUTCDate() !== Number(d))
    return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  return ms;
}

function quoted(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

/** Case-insensitive lookup of enum positions. */
function enumIndex<T>(field: QueryField<T>): Map<string, number> {
  return new Map((field.values ?? []).map((v, i) => [v.toLowerCase(), i]));
}

/**
 * Reads an enum's position. Getters return the documented spelling, so an exact lookup almost
 * always hits; only another spelling pays for lower-casing.
 */
function enumReader<T>(field: QueryField<T>): (item: T, now: number) => number | undefined {
  const exact = new Map((field.values ?? []).map((v, i) => [v, i]));
  const folded = enumIndex(field);
  return (item, now) => {
    const v = field.get(item, now);
    if (v === undefined) return undefined;
    return exact.get(v as string) ?? folded.get(String(v).toLowerCase());
  };
}

/**
 * Compares two strings case-insensitively by code unit, as comparing their `toLowerCase()` would,
 * without building lower-cased copies: ASCII letters are folded in place (names, UIDs and enum
 * spellings are ASCII), and only a non-ASCII character takes the slow path (its lower case may
 * even differ in length, e.g. U+0130). Lower-casing per item per request was most of a filtered,
 * sorted query's time (BENCHMARKS.md).
 */
export function compareFolded(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if ((x | y) >= 0x80) return compareLowered(a, b);
    if (x === y) continue;
    if (x >= 0x41 && x <= 0x5a) x += 0x20;
    if (y >= 0x41 && y <= 0x5a) y += 0x20;
    if (x !== y) return x < y ? -1 : 1;
  }
  // Equal up to n; a longer rest may still hold non-ASCII characters, whose lower case decides.
  if (a.length === b.length) return 0;
  return /[^\x00-\x7f]/.test(a.length > n ? a.slice(n) : b.slice(n))
    ? compareLowered(a, b)
    : a.length < b.length
      ? -1
      : 1;
}

function compareLowered(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * A UID field compares by its GUID, so a filter may name the object by its bare GUID or its whole
 * `urn:veeam:<Type>:<guid>` (action clients use both; a field's UIDs all share one Type). Anything
 * that is not GUID-shaped compares whole.
 */
const GUID_UID = /^(?:urn:veeam:[a-z]+:)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
function uidKey(v: string): string {
  return GUID_UID.exec(v)?.[1] ?? v;
}

/**
 * Turns a field's reading into its comparable key (undefined stays absent). Strings stay as read
 * (compareKeys folds case while comparing), so reading allocates nothing.
 */
export function keyReader<T>(field: QueryField<T>): (item: T, now: number) => Key | undefined {
  switch (field.kind) {
    case 'string':
      return (item, now) => field.get(item, now) as string | undefined;
    case 'uid':
      return (item, now) => {
        const v = field.get(item, now) as string | undefined;
        return v === undefined ? undefined : uidKey(v);
      };
    case 'enum':
      return enumReader(field);
    case 'bool':
      return (item, now) => {
        const v = field.get(item, now);
        return v === undefined ? undefined : v ? 1 : 0;
      };
    case 'date':
    case 'number':
      return (item, now) => field.get(item, now) as number | undefined;
  }
}

/** Parses a filter value for a field into a key, or says why it cannot be one. */
export function valueKey<T>(field: QueryField<T>, text: string): Key {
  switch (field.kind) {
    case 'string':
      return text.toLowerCase();
    case 'uid':
      return uidKey(text).toLowerCase();
    case 'enum': {
      const i = enumIndex(field).get(text.toLowerCase());
      if (i === undefined)
        throw new ValueError(`${field.name} has no value ${quoted(text)}; its values are ${field.values!.join(', ')}`);
      return i;
    }
    case 'date': {
      const ms = parseFilterDate(text);
      if (ms === undefined)
        throw new ValueError(
          `${field.name} is a date; ${quoted(text)} is not a UTC date like 2026-01-31 or 2026-01-31T12:00:00Z`,
        );
      return ms;
    }
    case 'number': {
      if (!/^-?\d+(\.\d+)?$/.test(text)) throw new ValueError(`${field.name} is a number; ${quoted(text)} is not`);
      return Number(text);
    }
    case 'bool': {
      const b = text.toLowerCase();
      if (b !== 'true' && b !== 'false')
        throw new ValueError(`${field.name} is true or false; ${quoted(text)} is neither`);
      return b === 'true' ? 1 : 0;
    }
  }
}

/** Three-way comparison of keys of one field: numbers by value, strings case-insensitively. */
export function compareKeys(a: Key, b: Key): number {
  if (typeof a === 'string') return compareFolded(a, b as string);
  return a < (b as number) ? -1 : a > (b as number) ? 1 : 0;
}
