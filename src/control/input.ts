import { parseDuration, parseInstant } from '../config.js';
import { INSTANT_RANGE, inInstantRange } from '../clock.js';
import { ControlError, FieldError, type FieldPath } from './errors.js';

/**
 * How deep JSON may nest (objects and arrays). Real inputs need 4 levels; a bound keeps every
 * recursive walk of a parsed value (checks, error messages) far from the stack limit.
 */
export const MAX_JSON_DEPTH = 32;

/** The first offset where `text` nests deeper than `max`, else -1 (strings are skipped). */
export function tooDeepAt(text: string, max = MAX_JSON_DEPTH): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return -1;
}

/** A request body as JSON; an empty body is `undefined`. */
export function parseJsonBody(body: unknown): unknown {
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
  if (text.trim() === '') return undefined;
  if (tooDeepAt(text) >= 0) throw new ControlError(`The request body nests JSON deeper than ${MAX_JSON_DEPTH} levels.`);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ControlError(`The request body is not valid JSON: ${(err as Error).message}`);
  }
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function shown(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

/** Field names that would reach an object's prototype rather than the object. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** `3650d`, `10m`, `1500ms`: the largest unit that divides `ms`. */
function formatDuration(ms: number): string {
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ] as const) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

/** `-2h`, `+30m`: a signed duration relative to the mock clock. */
const RELATIVE = /^\s*([+-])\s*(\d+(?:\.\d+)?\s*(?:ms|s|m|h|d))\s*$/;

/**
 * The fields of one JSON object, read with checks. Every reader names the field in its error;
 * `null` counts as not given. Unknown fields are refused up front (a typo must not pass silently).
 */
export class Fields {
  private constructor(
    private readonly value: Record<string, unknown>,
    readonly path: FieldPath,
  ) {}

  static of(v: unknown, path: FieldPath, allowed: readonly string[]): Fields {
    if (!isObject(v)) throw new FieldError(path, `expected a JSON object, got ${shown(v)}`);
    for (const k of Object.keys(v)) {
      if (PROTOTYPE_KEYS.has(k) || !allowed.includes(k))
        throw new FieldError([...path, k], `unknown field; expected one of ${allowed.join(', ')}`);
    }
    return new Fields(v, path);
  }

  at(k: string): FieldPath {
    return [...this.path, k];
  }

  has(k: string): boolean {
    return this.value[k] !== undefined && this.value[k] !== null;
  }

  private raw(k: string): unknown {
    return this.has(k) ? this.value[k] : undefined;
  }

  fail(k: string, reason: string): never {
    throw new FieldError(this.at(k), reason);
  }

  string(k: string, maxLength = 1024): string | undefined {
    const v = this.raw(k);
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v.trim() === '') this.fail(k, `expected a non-empty string, got ${shown(v)}`);
    if (v.length > maxLength) this.fail(k, `longer than ${maxLength} characters`);
    return v;
  }

  number(k: string, min: number, max: number, integer = false): number | undefined {
    const v = this.raw(k);
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || (integer && !Number.isInteger(v))) {
      this.fail(k, `expected ${integer ? 'an integer' : 'a number'}, got ${shown(v)}`);
    }
    if (v < min || v > max) this.fail(k, `must be between ${min} and ${max}, got ${v}`);
    return v;
  }

  integer(k: string, min: number, max: number): number | undefined {
    return this.number(k, min, max, true);
  }

  /** An array field; absent is empty. */
  array(k: string, what = 'an array'): unknown[] {
    const v = this.raw(k);
    if (v === undefined) return [];
    if (!Array.isArray(v)) this.fail(k, `expected ${what}, got ${shown(v)}`);
    return v;
  }

  /** A nested object field checked against its own allowed keys; absent is undefined. */
  object(k: string, allowed: readonly string[]): Fields | undefined {
    const v = this.raw(k);
    return v === undefined ? undefined : Fields.of(v, this.at(k), allowed);
  }

  boolean(k: string): boolean | undefined {
    const v = this.raw(k);
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') this.fail(k, `expected true or false, got ${shown(v)}`);
    return v;
  }

  oneOf<T extends string>(k: string, values: readonly T[]): T | undefined {
    const v = this.raw(k);
    if (v === undefined) return undefined;
    const found = values.find((x) => typeof v === 'string' && x.toLowerCase() === v.toLowerCase());
    if (found === undefined) this.fail(k, `expected one of ${values.join(', ')}, got ${shown(v)}`);
    return found;
  }

  /** A duration: a string with a unit (`90s`, `16m`, `31d`) or a number of milliseconds. */
  duration(k: string, max = 3650 * 86_400_000): number | undefined {
    const v = this.raw(k);
    if (v === undefined) return undefined;
    const ms =
      typeof v === 'number' && Number.isFinite(v)
        ? v
        : typeof v === 'string' && /[a-z]\s*$/i.test(v)
          ? parseDuration(v)
          : undefined;
    if (ms === undefined || ms < 0)
      this.fail(k, `expected a duration like "90s", "16m", "2h", "31d" or milliseconds, got ${shown(v)}`);
    if (ms > max) this.fail(k, `must be between 0 and ${max} ms (${formatDuration(max)}), got ${shown(v)}`);
    return ms;
  }

  /**
   * An instant: an ISO date-time, `now`, or an offset from `now` such as `-2h` or `+30m`; it must
   * lie in the instant range.
   */
  instant(k: string, now: number): number | undefined {
    const v = this.raw(k);
    if (v === undefined) return undefined;
    let ms: number | undefined;
    if (typeof v === 'string') {
      const rel = RELATIVE.exec(v);
      if (v.trim().toLowerCase() === 'now') ms = now;
      else if (rel) ms = now + (rel[1] === '-' ? -1 : 1) * parseDuration(rel[2]!)!;
      else ms = parseInstant(v.trim());
    }
    if (ms === undefined)
      this.fail(
        k,
        `expected an ISO instant like "2026-01-31T12:00:00Z", "now" or an offset like "-2h", got ${shown(v)}`,
      );
    return this.inRange(k, ms!);
  }

  /** `ms` if it is in the instant range, else a FieldError naming the range. */
  inRange(k: string, ms: number): number {
    if (!inInstantRange(ms))
      this.fail(
        k,
        `must be ${INSTANT_RANGE}, got ${Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? new Date(ms).toISOString() : 'an instant beyond any calendar'}`,
      );
    return ms;
  }
}
