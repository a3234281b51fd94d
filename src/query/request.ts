import { EmError } from '../errors.js';
import type { AnyResourceType } from '../resources/resourceType.js';
import { compileFilter, FieldSet, type CompiledFilter } from './compile.js';
import type { QueryPlan } from './engine.js';
import { FilterSyntaxError, parseFilter } from './filterParser.js';
import { param, splitQuery } from './queryString.js';
import { QUERY_TYPES, type QueryTypeInfo } from './catalog.js';

/** Longest filter accepted (decoded characters); real filters are a few hundred at most. */
export const MAX_FILTER_LENGTH = 16 * 1024;
/** Paging numbers are .NET Int32 on a real server. */
const MAX_INT = 2 ** 31 - 1;

type Item = { id: string };

/** A queryable type: what the docs say of it, and the model's collection once the mock holds one. */
export interface QueryTypeEntry {
  info: QueryTypeInfo;
  /** Undefined while the mock has no such objects: the type answers an empty result. */
  modelled?: { type: AnyResourceType; fields: FieldSet<Item> };
}

export interface ParsedQuery {
  entry: QueryTypeEntry;
  entities: boolean;
  plan: QueryPlan<Item>;
}

/** How many compiled filters a QueryTypes keeps (the most recently used). */
export const FILTERS_KEPT = 256;

/**
 * The types `/query` serves, by lower-cased `type` value: every documented one. Also keeps the
 * filters it compiled lately: a client repeats its filters (a poll, the pages of one query), and
 * parsing and compiling one cost more than answering it from the field indexes.
 */
export class QueryTypes {
  private readonly byName = new Map<string, QueryTypeEntry>();
  private readonly filters = new Map<string, CompiledFilter<Item>>();

  constructor(types: readonly AnyResourceType[]) {
    for (const info of QUERY_TYPES) this.byName.set(info.name.toLowerCase(), { info });
    for (const type of types) {
      if (!type.queryFields) continue;
      const key = type.uidType.toLowerCase();
      const info = this.byName.get(key)?.info ?? { name: type.uidType, branch: 'Entities', member: type.listElement };
      this.byName.set(key, { info, modelled: { type, fields: new FieldSet(type.queryFields) } });
    }
  }

  get(name: string): QueryTypeEntry | undefined {
    return this.byName.get(name.toLowerCase());
  }

  names(): string {
    return [...this.byName.values()].map((t) => t.info.name).join(', ');
  }

  /** `text` compiled for the type's fields: kept from an earlier request, or compiled now (a bad one throws every time). */
  filter(type: string, fields: FieldSet<Item>, text: string): CompiledFilter<Item> {
    const key = `${type}\n${text}`;
    let compiled = this.filters.get(key);
    if (compiled) this.filters.delete(key);
    else {
      compiled = compileFilter(parseFilter(text), fields, type);
      if (this.filters.size >= FILTERS_KEPT) this.filters.delete(this.filters.keys().next().value!);
    }
    this.filters.set(key, compiled); // the most recent last
    return compiled;
  }
}

const bad = (message: string) => new EmError(400, message);

/** A paging parameter: a whole number from 1 to .NET's Int32 maximum, or a 400 naming it. */
export function positiveInt(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\s*[+-]?\d+\s*$/.test(text))
    throw bad(`Query parameter ${name} must be a whole number; ${JSON.stringify(text.slice(0, 40))} is not.`);
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
  if (typeName === undefined || typeName.trim() === '')
    throw bad(`Query parameter type is required, e.g. type=RestoreSession. Supported: ${types.names()}.`);
  const entry = types.get(typeName.trim());
  if (!entry) throw bad(`Unknown query type ${JSON.stringify(typeName.slice(0, 60))}. Supported: ${types.names()}.`);
  const { name } = entry.info;
  const fields = entry.modelled?.fields;
  const plan: QueryPlan<Item> = { page: 1 };

  const entities = format(param(params, 'format'));

  const filter = param(params, 'filter');
  if (filter !== undefined && filter.trim() !== '') {
    if (filter.length > MAX_FILTER_LENGTH)
      throw bad(`The filter is ${filter.length} characters long; at most ${MAX_FILTER_LENGTH} are accepted.`);
    try {
      // A type the mock holds nothing of still gets its filter's grammar checked; the fields
      // cannot be (their lists live with the collections), and nothing matches anyway.
      if (fields) plan.filter = types.filter(name, fields, filter);
      else parseFilter(filter);
    } catch (e) {
      if (e instanceof FilterSyntaxError) throw bad(e.message);
      throw e;
    }
  }

  const asc = param(params, 'sortAsc');
  const desc = param(params, 'sortDesc');
  if (asc !== undefined && desc !== undefined) throw bad('Use either sortAsc or sortDesc, not both.');
  const sortName = asc ?? desc;
  if (sortName !== undefined && fields) {
    const field = fields.find(sortName.trim());
    if (!field)
      throw bad(`Cannot sort ${name} by ${JSON.stringify(sortName.slice(0, 60))}; its fields are ${fields.names()}.`);
    plan.sort = { field, desc: desc !== undefined };
  }

  const pageSize = positiveInt('pageSize', param(params, 'pageSize'));
  if (pageSize !== undefined) plan.pageSize = pageSize;
  plan.page = positiveInt('page', param(params, 'page')) ?? 1;
  return { entry, entities, plan };
}
