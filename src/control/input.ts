import { parseDuration, parseInstant } from '../config.js';
import { ControlError, FieldError, type FieldPath } from './errors.js';

/** A request body as JSON; an empty body is `undefined`. */
export function parseJsonBody(body: unknown): unknown {
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
  if (text.trim() === '') return undefined;
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
      if (!allowed.includes(k)) throw new FieldError([...path, k], `unknown field; expected one of ${allowed.join(', ')}`);
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
    const ms = typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /[a-z]\s*$/i.test(v) ? parseDuration(v) : undefined;
    if (ms === undefined || ms < 0) this.fail(k, `expected a duration like "90s", "16m", "2h", "31d" or milliseconds, got ${shown(v)}`);
    if (ms > max) this.fail(k, `must be at most ${max} ms`);
    return ms;
  }

  /** An instant: an ISO date-time, `now`, or an offset from `now` such as `-2h` or `+30m`. */
  instant(k: string, now: number): number | undefined {
    const v = this.raw(k);
    if (v === undefined) return undefined;
    if (typeof v === 'string') {
      if (v.trim().toLowerCase() === 'now') return now;
      const rel = RELATIVE.exec(v);
      if (rel) return now + (rel[1] === '-' ? -1 : 1) * parseDuration(rel[2]!)!;
      const ms = parseInstant(v.trim());
      if (ms !== undefined) return ms;
    }
    return this.fail(k, `expected an ISO instant like "2026-01-31T12:00:00Z", "now" or an offset like "-2h", got ${shown(v)}`);
  }
}
