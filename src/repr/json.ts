import { BASE, resolveRaw, type Child, type El, type List, type Raw } from './tree.js';

// Output is assembled as text (not via an intermediate object) so that pre-rendered fragments
// can be spliced in without re-parsing them.

/** Where Hrefs point: a concrete base URL, or undefined to keep the placeholder (for caching). */
type Base = { url: string; escaped: string } | undefined;

function str(s: string, base?: Base): string {
  const json = JSON.stringify(s);
  return base && json.includes(BASE) ? json.replaceAll(BASE, base.escaped) : json;
}

function raw(r: Raw, base: Base): string {
  return base ? resolveRaw(r, 'json', base.url, base.escaped) : r.json;
}

function value(v: Child, base: Base): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return str(v, base);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v.kind === 'raw') return raw(v, base);
  if (v.kind === 'list') return v.bare ? array(v, base) : `{${str(v.jsonKey)}:${array(v, base)}}`;
  return object(v, base);
}

function array(l: List, base: Base): string {
  return `[${l.items.map((i) => (typeof i === 'string' ? str(i, base) : i.kind === 'raw' ? raw(i, base) : object(i, base))).join(',')}]`;
}

function object(e: El, base: Base): string {
  const members: [string, Child][] = [];
  // Most-derived layer first; within a layer, elements before attributes.
  for (let i = e.layers.length - 1; i >= 0; i--) {
    const layer = e.layers[i]!;
    for (const [k, v] of Object.entries(layer.elems ?? {})) if (v !== undefined) members.push([k, v]);
    for (const [k, v] of Object.entries(layer.attrs ?? {})) if (v !== undefined) members.push([k, v]);
  }
  if (e.sortJsonKeys) members.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${members.map(([k, v]) => `${str(k)}:${value(v, base)}`).join(',')}}`;
}

/** A fragment: the JSON value of one element as it appears inside a list (placeholder base). */
export function jsonFragment(node: El | List): string {
  return node.kind === 'list' ? array(node, undefined) : object(node, undefined);
}

export interface JsonStyle {
  /**
   * Keep members whose value is `null` (EM 12, the default). Without them the text reads as a 9.5
   * Update 4 server wrote it. The Error body keeps its nulls either way: that serializer always did.
   */
  nulls: boolean;
}

/** A whole document: an element is an object; a list is `{"<jsonKey>":[…]}`; Hrefs on `baseUrl`. */
export function jsonDocument(node: El | List, baseUrl = '', style: JsonStyle = { nulls: true }): string {
  const base = { url: baseUrl, escaped: JSON.stringify(baseUrl).slice(1, -1) };
  const text = node.kind === 'list' ? `{${str(node.jsonKey)}:${array(node, base)}}` : object(node, base);
  return style.nulls || (node.kind === 'el' && node.sortJsonKeys) ? text : withoutNulls(text);
}

/**
 * Drops every `"Key":null` member from compact JSON text. Done on the text because cached
 * fragments are rendered once, with their nulls. Safe on this serializer's output: a quote inside
 * a string is always escaped, so `,"` and `{"` before a key cannot occur within a string value.
 */
export function withoutNulls(text: string): string {
  return text.replace(/,"[A-Za-z0-9_]+":null(?=[,}])/g, '').replace(/\{"[A-Za-z0-9_]+":null(?:,|(?=\}))/g, '{');
}
