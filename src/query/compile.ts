import { compareKeys, keyReader, valueKey, type ValueError, type Key, type QueryField } from './fields.js';
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
  /**
   * The range alone decides (the filter only bounds the time key, with AND): the engine can then
   * hand out the store's own window without testing each item, which makes the commonest client
   * query, "sessions since my last poll", cost its page rather than its candidates.
   */
  exact: boolean;
  /** What the filter says, for the indexes (src/query/indexedQuery.ts) to answer without `test`. */
  shape: FilterShape<T>;
}

/** A compiled comparison, or a junction of compiled filters. */
export type FilterShape<T> =
  | { kind: 'cmp'; field: QueryField<T>; op: Op; value: Key }
  | { kind: 'and' | 'or'; parts: CompiledFilter<T>[] };

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

/** The inclusive range of a comparison on the time key; whole milliseconds make > and < exact too. */
function rangeOf(op: Op, v: number): { range: TimeRange; exact: boolean } {
  const whole = Number.isInteger(v);
  switch (op) {
    case '==':
      return { range: { from: v, to: v }, exact: true };
    case '>=':
      return { range: { from: v, to: Infinity }, exact: true };
    case '>':
      return { range: { from: whole ? v + 1 : v, to: Infinity }, exact: whole };
    case '<=':
      return { range: { from: -Infinity, to: v }, exact: true };
    case '<':
      return { range: { from: -Infinity, to: whole ? v - 1 : v }, exact: whole };
    case '!=':
      return { range: ALL, exact: false };
  }
}

function comparison<T>(
  fields: FieldSet<T>,
  typeName: string,
  node: Extract<FilterNode, { kind: 'cmp' }>,
): CompiledFilter<T> {
  const field = fields.find(node.field);
  if (!field) {
    throw new FilterSyntaxError(
      node.fieldPos,
      `unknown field ${JSON.stringify(node.field)} for type ${typeName}; its fields are ${fields.names()}`,
    );
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
  return {
    test: predicate,
    ...(field.timeKey ? rangeOf(op, value as number) : { range: ALL, exact: false }),
    shape: { kind: 'cmp', field, op, value },
  };
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
      exact: parts.every((p) => p.exact),
      shape: { kind: 'and', parts },
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
    // A union of ranges is not one range, unless there is only one.
    exact: parts.length === 1 && parts[0]!.exact,
    shape: { kind: 'or', parts },
  };
}
