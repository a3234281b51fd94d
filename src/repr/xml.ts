import type { Child, El, List, Raw } from './tree.js';

export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';
/**
 * The namespaces on every document element, placed as .NET's XmlSerializer does on a live
 * server: the xsd/xsi prefixes before the attributes, the default namespace after them.
 */
const ROOT_PREFIXES = ' xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
const ROOT_DEFAULT_NS = ' xmlns="http://www.veeam.com/ent/v1.0"';

// Characters XML 1.0 cannot carry at all; they are dropped rather than producing a broken document.
// eslint-disable-next-line no-control-regex
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeText(s: string): string {
  return s.replace(INVALID, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/\r/g, '&#xD;').replace(/\n/g, '&#xA;').replace(/\t/g, '&#x9;');
}

function scalar(v: string | number | boolean): string {
  return typeof v === 'string' ? v : String(v);
}

function writeEl(e: El, root: boolean): string {
  let attrs = '';
  let body = '';
  for (const layer of e.layers) {
    if (layer.attrs) {
      for (const [k, v] of Object.entries(layer.attrs)) {
        if (v !== undefined && v !== null) attrs += ` ${k}="${escapeAttr(scalar(v))}"`;
      }
    }
    if (layer.elems) {
      for (const [k, v] of Object.entries(layer.elems)) body += writeChild(k, v);
    }
  }
  const open = root ? `<${e.name}${ROOT_PREFIXES}${attrs}${ROOT_DEFAULT_NS}` : `<${e.name}${attrs}`;
  return body === '' ? `${open} />` : `${open}>${body}</${e.name}>`;
}

function writeList(l: List, root: boolean): string {
  const ns = root ? ROOT_PREFIXES + ROOT_DEFAULT_NS : '';
  if (l.inline && !root) return l.items.map((item) => (item.kind === 'raw' ? item.xml : writeEl(item, false))).join('');
  if (l.items.length === 0) return `<${l.name}${ns} />`;
  let body = '';
  for (const item of l.items) body += item.kind === 'raw' ? item.xml : writeEl(item, false);
  return `<${l.name}${ns}>${body}</${l.name}>`;
}

function writeChild(name: string, v: Child | undefined): string {
  if (v === undefined || v === null) return '';
  // XmlSerializer writes an empty string as an empty element: `<Reason />`.
  if (v === '') return `<${name} />`;
  if (typeof v !== 'object') return `<${name}>${escapeText(scalar(v))}</${name}>`;
  if (v.kind === 'raw') return v.xml;
  if (v.kind === 'list') return writeList(v, false);
  return writeEl(v, false);
}

/** A fragment for embedding in a larger document (no declaration, no namespaces). */
export function xmlFragment(node: El | List): string {
  return node.kind === 'list' ? writeList(node, false) : writeEl(node, false);
}

/** A whole document: declaration, then the element carrying EM's namespaces. */
export function xmlDocument(node: El | List): string {
  return XML_DECLARATION + (node.kind === 'list' ? writeList(node, true) : writeEl(node, true));
}

export type { Raw };
