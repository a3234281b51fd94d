import { EmError } from '../errors.js';
import type { AnyResourceType } from '../resources/resourceType.js';
import { compileFilter, FieldSet } from './compile.js';
import type { QueryPlan } from './engine.js';
import { FilterSyntaxError, parseFilter } from './filterParser.js';
import { param, splitQuery } from './queryString.js';

/** Longest filter accepted (decoded characters); real filters are a few hundred at most. */
export const MAX_FILTER_LENGTH = 16 * 1024;
/** Paging numbers are .NET Int32 on a real server. */
const MAX_INT = 2 ** 31 - 1;

type Item = { id: string };

export interface ParsedQuery {
  type: AnyResourceType;
  entities: boolean;
  plan: QueryPlan<Item>;
}

/** The types `/query` serves, by lower-cased `type` value. */
export class QueryTypes {
  private readonly byName = new Map<string, { type: AnyResourceType; fields: FieldSet<Item> }>();

  constructor(types: readonly AnyResourceType[]) {
    for (const type of types) {
      if (type.queryFields) this.byName.set(type.uidType.toLowerCase(), { type, fields: new FieldSet(type.queryFields) });
    }
  }

  has(name: string): boolean {
    return this.byName.has(name.toLowerCase());
  }

  get(name: string) {
    return this.byName.get(name.toLowerCase());
  }

  names(): string {
    return [...this.byName.values()].map((t) => t.type.uidType).join(', ');
  }
}

const bad = (message: string) => new EmError(400, message);

function positiveInt(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\s*[+-]?\d+\s*$/.test(text)) throw bad(`Query parameter ${name} must be a whole number; ${JSON.stringify(text.slice(0, 40))} is not.`);
  const n = Number(text);
  if (n < 1) throw bad(`Query parameter ${name} must be 1 or more; got ${text.trim()}.`);
  if (n > MAX_INT) throw bad(`Query parameter ${name} must be at most ${MAX_INT}; got ${text.trim()}.`);
  return n;
}

function format(text: string | undefined): boolean {
  const f = (text ?? 'References').toLowerCase();
  if (f === 'references') return false;
  // `Entity` is the switch on resource URLs; clients carry it over to /query, so it is accepted too.
  if (f === 'entities' || f === 'entity') return true;
  throw bad(`Query parameter format must be References or Entities; got ${JSON.stringify(text!.slice(0, 40))}.`);
}

/** Reads `type`, `format`, `filter`, `sortAsc`/`sortDesc`, `pageSize`, `page`; ignores the rest. */
export function parseQueryRequest(rawQuery: string, types: QueryTypes): ParsedQuery {
  const params = splitQuery(rawQuery);
  const typeName = param(params, 'type');
  if (typeName === undefined || typeName.trim() === '') throw bad(`Query parameter type is required, e.g. type=RestoreSession. Supported: ${types.names()}.`);
  const entry = types.get(typeName.trim());
  if (!entry) throw bad(`Unknown query type ${JSON.stringify(typeName.slice(0, 60))}. Supported: ${types.names()}.`);
  const { type, fields } = entry;
  const plan: QueryPlan<Item> = { page: 1 };

  const entities = format(param(params, 'format'));

  const filter = param(params, 'filter');
  if (filter !== undefined && filter.trim() !== '') {
    if (filter.length > MAX_FILTER_LENGTH) throw bad(`The filter is ${filter.length} characters long; at most ${MAX_FILTER_LENGTH} are accepted.`);
    try {
      plan.filter = compileFilter(parseFilter(filter), fields, type.uidType);
    } catch (e) {
      if (e instanceof FilterSyntaxError) throw bad(e.message);
      throw e;
    }
  }

  const asc = param(params, 'sortAsc');
  const desc = param(params, 'sortDesc');
  if (asc !== undefined && desc !== undefined) throw bad('Use either sortAsc or sortDesc, not both.');
  const sortName = asc ?? desc;
  if (sortName !== undefined) {
    const field = fields.find(sortName.trim());
    if (!field) throw bad(`Cannot sort ${type.uidType} by ${JSON.stringify(sortName.slice(0, 60))}; its fields are ${fields.names()}.`);
    plan.sort = { field, desc: desc !== undefined };
  }

  const pageSize = positiveInt('pageSize', param(params, 'pageSize'));
  if (pageSize !== undefined) plan.pageSize = pageSize;
  plan.page = positiveInt('page', param(params, 'page')) ?? 1;
  return { type, entities, plan };
}
