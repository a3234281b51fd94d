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
}

/** A normalized, directly comparable value: numbers, or lower-cased strings. */
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
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(frac.padEnd(3, '0').slice(0, 3)));
  // Date.UTC rolls 2026-02-31 over into March; a date that does not round-trip does not exist.
  const back = new Date(ms);
  if (back.getUTCFullYear() !== Number(y) || back.getUTCMonth() !== Number(mo) - 1 || back.getUTCDate() !== Number(d)) return undefined;
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

/** Turns a field's reading into its comparable key (undefined stays absent). */
export function keyReader<T>(field: QueryField<T>): (item: T, now: number) => Key | undefined {
  switch (field.kind) {
    case 'string':
    case 'uid':
      return (item, now) => {
        const v = field.get(item, now);
        return v === undefined ? undefined : String(v).toLowerCase();
      };
    case 'enum': {
      const index = enumIndex(field);
      return (item, now) => {
        const v = field.get(item, now);
        return v === undefined ? undefined : index.get(String(v).toLowerCase());
      };
    }
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
    case 'uid':
      return text.toLowerCase();
    case 'enum': {
      const i = enumIndex(field).get(text.toLowerCase());
      if (i === undefined) throw new ValueError(`${field.name} has no value ${quoted(text)}; its values are ${field.values!.join(', ')}`);
      return i;
    }
    case 'date': {
      const ms = parseFilterDate(text);
      if (ms === undefined) throw new ValueError(`${field.name} is a date; ${quoted(text)} is not a UTC date like 2026-01-31 or 2026-01-31T12:00:00Z`);
      return ms;
    }
    case 'number': {
      if (!/^-?\d+(\.\d+)?$/.test(text)) throw new ValueError(`${field.name} is a number; ${quoted(text)} is not`);
      return Number(text);
    }
    case 'bool': {
      const b = text.toLowerCase();
      if (b !== 'true' && b !== 'false') throw new ValueError(`${field.name} is true or false; ${quoted(text)} is neither`);
      return b === 'true' ? 1 : 0;
    }
  }
}

/** Three-way comparison of keys of one field (numbers with numbers, strings with strings). */
export function compareKeys(a: Key, b: Key): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
