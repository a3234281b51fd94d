import type { Child, El, List } from './tree.js';

// Output is assembled as text (not via an intermediate object) so that pre-rendered fragments
// can be spliced in without re-parsing them.

function str(s: string): string {
  return JSON.stringify(s);
}

function value(v: Child): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return str(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v.kind === 'raw') return v.json;
  if (v.kind === 'list') return v.bare ? array(v) : `{${str(v.jsonKey)}:${array(v)}}`;
  return object(v);
}

function array(l: List): string {
  return `[${l.items.map((i) => (i.kind === 'raw' ? i.json : object(i))).join(',')}]`;
}

function object(e: El): string {
  const members: [string, Child][] = [];
  // Most-derived layer first; within a layer, elements before attributes.
  for (let i = e.layers.length - 1; i >= 0; i--) {
    const layer = e.layers[i]!;
    for (const [k, v] of Object.entries(layer.elems ?? {})) if (v !== undefined) members.push([k, v]);
    for (const [k, v] of Object.entries(layer.attrs ?? {})) if (v !== undefined) members.push([k, v]);
  }
  if (e.sortJsonKeys) members.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${members.map(([k, v]) => `${str(k)}:${value(v)}`).join(',')}}`;
}

/** A fragment: the JSON value of one element as it appears inside a list. */
export function jsonFragment(node: El | List): string {
  return node.kind === 'list' ? array(node) : object(node);
}

/** A whole document: an element is an object; a list is `{"<jsonKey>":[…]}`. */
export function jsonDocument(node: El | List): string {
  return node.kind === 'list' ? `{${str(node.jsonKey)}:${array(node)}}` : object(node);
}
