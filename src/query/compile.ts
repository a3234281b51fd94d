import { compareKeys, keyReader, valueKey, ValueError, type Key, type QueryField } from './fields.js';
import { FilterSyntaxError, type FilterNode, type Op } from './filterParser.js';

export type Predicate<T> = (item: T, now: number) => boolean;

/** An inclusive range of the time key that every match lies in (a superset: the predicate decides). */
export interface TimeRange {
  from: number;
  to: number;
}

export interface CompiledFilter<T> {
  test: Predicate<T>;
  range: TimeRange;
}

const ALL: TimeRange = { from: -Infinity, to: Infinity };

/** Case-insensitive field lookup for one type. */
export class FieldSet<T> {
  private readonly byName: Map<string, QueryField<T>>;

  constructor(readonly fields: readonly QueryField<T>[]) {
    this.byName = new Map(fields.map((f) => [f.name.toLowerCase(), f]));
  }

  find(name: string): QueryField<T> | undefined {
    return this.byName.get(name.toLowerCase());
  }

  names(): string {
    return this.fields.map((f) => f.name).join(', ');
  }
}

function test(op: Op, c: number): boolean {
  switch (op) {
    case '==':
      return c === 0;
    case '!=':
      return c !== 0;
    case '<':
      return c < 0;
    case '>':
      return c > 0;
    case '<=':
      return c <= 0;
    case '>=':
      return c >= 0;
  }
}

function rangeOf(op: Op, v: number): TimeRange {
  switch (op) {
    case '==':
      return { from: v, to: v };
    case '>':
    case '>=':
      return { from: v, to: Infinity };
    case '<':
    case '<=':
      return { from: -Infinity, to: v };
    case '!=':
      return ALL;
  }
}

function comparison<T>(fields: FieldSet<T>, typeName: string, node: Extract<FilterNode, { kind: 'cmp' }>): CompiledFilter<T> {
  const field = fields.find(node.field);
  if (!field) {
    throw new FilterSyntaxError(node.fieldPos, `unknown field ${JSON.stringify(node.field)} for type ${typeName}; its fields are ${fields.names()}`);
  }
  let value: Key;
  try {
    value = valueKey(field, node.value);
  } catch (e) {
    throw new FilterSyntaxError(node.valuePos, (e as ValueError).message);
  }
  const read = keyReader(field);
  const op = node.op;
  // An absent value (EndTime of a running session) equals nothing, so only != holds for it.
  const predicate: Predicate<T> = (item, now) => {
    const k = read(item, now);
    return k === undefined ? op === '!=' : test(op, compareKeys(k, value));
  };
  return { test: predicate, range: field.timeKey ? rangeOf(op, value as number) : ALL };
}

/** Binds a parsed filter to a type's fields: unknown fields and ill-typed values are errors here. */
export function compileFilter<T>(node: FilterNode, fields: FieldSet<T>, typeName: string): CompiledFilter<T> {
  if (node.kind === 'cmp') return comparison(fields, typeName, node);
  const parts = node.items.map((n) => compileFilter(n, fields, typeName));
  const tests = parts.map((p) => p.test);
  if (node.kind === 'and') {
    return {
      test: (item, now) => {
        for (const t of tests) if (!t(item, now)) return false;
        return true;
      },
      range: parts.reduce((r, p) => ({ from: Math.max(r.from, p.range.from), to: Math.min(r.to, p.range.to) }), ALL),
    };
  }
  return {
    test: (item, now) => {
      for (const t of tests) if (t(item, now)) return true;
      return false;
    },
    range: parts.reduce((r, p) => ({ from: Math.min(r.from, p.range.from), to: Math.max(r.to, p.range.to) }), {
      from: Infinity,
      to: -Infinity,
    }),
  };
}
