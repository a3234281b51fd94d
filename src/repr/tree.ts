/**
 * The neutral representation every response is built from. XML and JSON are two serializers of
 * this one tree, so the formats cannot drift apart.
 *
 * EM's payloads are .NET classes serialized by XmlSerializer (XML) and Newtonsoft (JSON). Both
 * orders follow from the class hierarchy: XML puts base-type attributes and elements first;
 * JSON puts the most-derived type's members first (elements, then attributes), then its base's.
 * So an element is described as layers, base type first, and each serializer walks them in its
 * own order.
 */

export type Scalar = string | number | boolean;

/**
 * `null` is the marker of an absent reference-type or string member: written as `null` in JSON
 * (EM 12 keeps such members, see notes/em-samples.md), left out in XML, as XmlSerializer does.
 * `undefined` is an absent value-type member (`EndTimeUTC` while running): left out of both.
 */
export type Child = Scalar | null | El | List | Raw;

export interface Layer {
  attrs?: Record<string, Scalar | null | undefined>;
  elems?: Record<string, Child | undefined>;
}

export interface El {
  kind: 'el';
  name: string;
  /** Base type first. Undefined values are left out of both encodings. */
  layers: Layer[];
  /** Some EM payloads (Error) come from a serializer that sorts JSON keys. */
  sortJsonKeys?: boolean;
}

/**
 * A list element. In XML: `<name><Item/>…</name>`. In JSON: `{"jsonKey":[…]}` as a document or
 * `"name":{"jsonKey":[…]}` as a member, except `bare` lists (Links) which are plain arrays.
 */
export interface List {
  kind: 'list';
  name: string;
  jsonKey: string;
  /** Elements, or the texts of repeated `itemName` elements (JSON: a plain array of strings). */
  items: (El | Raw | string)[];
  itemName?: string;
  bare?: boolean;
  /** Items repeated directly in XML with no wrapper element (JSON: a plain array under the list's key). */
  inline?: boolean;
}

/**
 * A pre-rendered element (both encodings), for immutable entities rendered once and reused.
 * Its Hrefs hold the base-URL placeholder; `resolved` remembers the text for the last base seen,
 * so a steady stream of requests with one Host costs no re-rendering at all.
 */
export interface Raw {
  kind: 'raw';
  xml: string;
  json: string;
  resolved?: { base: string; xml?: string; json?: string };
}

/**
 * Hrefs are written with this placeholder in place of `scheme://host:port`, so a rendered
 * fragment does not depend on the request. DEL: legal in XML 1.0 and left alone by JSON, never in
 * generated data, and a one-byte character, so V8 keeps the rendered strings one-byte (a
 * two-byte placeholder made every body two-byte and Buffer conversion several times slower).
 */
export const BASE = '\x7F';

/** The raw text for one base URL (already escaped for its encoding), memoized per base. */
export function resolveRaw(raw: Raw, format: 'xml' | 'json', base: string, escapedBase: string): string {
  if (raw.resolved?.base !== base) raw.resolved = { base };
  return (raw.resolved[format] ??= raw[format].replaceAll(BASE, escapedBase));
}

export function el(name: string, ...layers: Layer[]): El {
  return { kind: 'el', name, layers };
}

export function list(name: string, jsonKey: string, items: (El | Raw)[], bare = false): List {
  return { kind: 'list', name, jsonKey, items, bare };
}

/** Repeated child elements with no wrapper in XML, e.g. a report's `<Period>`s; JSON `"<key>":[…]`. */
export function repeated(jsonKey: string, items: (El | Raw)[]): List {
  return { kind: 'list', name: jsonKey, jsonKey, items, bare: true, inline: true };
}

/**
 * Repeated text elements in a wrapper: `<InclusionMask><Extension>*.*</Extension></InclusionMask>`,
 * in JSON `"InclusionMask":{"Extensions":["*.*"]}` (a live v10 answer, notes/em-samples.md §9).
 */
export function texts(name: string, itemName: string, jsonKey: string, values: string[]): List {
  return { kind: 'list', name, jsonKey, items: values, itemName };
}

export interface LinkSpec {
  rel: string;
  href: string;
  type?: string | undefined;
  name?: string | undefined;
}

/**
 * `LinkType` extends `ReferenceType` (Href, Name, Type) with `Rel`. An absent Name or Type is
 * `null`: EM 12's JSON writes `"Name":null,"Type":null` (XML leaves the attribute out).
 */
export function link(l: LinkSpec): El {
  return el('Link', { attrs: { Href: l.href, Name: l.name ?? null, Type: l.type ?? null } }, { attrs: { Rel: l.rel } });
}

export function links(specs: LinkSpec[]): List {
  return list('Links', 'Links', specs.map(link), true);
}
