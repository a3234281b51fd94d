import { BASE, resolveRaw, type Child, type El, type List } from './tree.js';

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

/** Where Hrefs point: a concrete base URL, or undefined to keep the placeholder (for caching). */
type Base = { url: string; escaped: string } | undefined;

function withBase(text: string, base: Base): string {
  return base && text.includes(BASE) ? text.replaceAll(BASE, base.escaped) : text;
}

function writeEl(e: El, root: boolean, base: Base): string {
  let attrs = '';
  let body = '';
  for (const layer of e.layers) {
    if (layer.attrs) {
      for (const [k, v] of Object.entries(layer.attrs)) {
        if (v !== undefined && v !== null) attrs += ` ${k}="${withBase(escapeAttr(scalar(v)), base)}"`;
      }
    }
    if (layer.elems) {
      for (const [k, v] of Object.entries(layer.elems)) body += writeChild(k, v, base);
    }
  }
  const open = root ? `<${e.name}${ROOT_PREFIXES}${attrs}${ROOT_DEFAULT_NS}` : `<${e.name}${attrs}`;
  return body === '' ? `${open} />` : `${open}>${body}</${e.name}>`;
}

function writeRaw(raw: import('./tree.js').Raw, base: Base): string {
  return base ? resolveRaw(raw, 'xml', base.url, base.escaped) : raw.xml;
}

function writeList(l: List, root: boolean, base: Base): string {
  const ns = root ? ROOT_PREFIXES + ROOT_DEFAULT_NS : '';
  let body = '';
  for (const item of l.items) body += item.kind === 'raw' ? writeRaw(item, base) : writeEl(item, false, base);
  if (l.inline && !root) return body;
  if (l.items.length === 0) return `<${l.name}${ns} />`;
  return `<${l.name}${ns}>${body}</${l.name}>`;
}

function writeChild(name: string, v: Child | undefined, base: Base): string {
  if (v === undefined || v === null) return '';
  // XmlSerializer writes an empty string as an empty element: `<Reason />`.
  if (v === '') return `<${name} />`;
  if (typeof v !== 'object') return `<${name}>${withBase(escapeText(scalar(v)), base)}</${name}>`;
  if (v.kind === 'raw') return writeRaw(v, base);
  if (v.kind === 'list') return writeList(v, false, base);
  return writeEl(v, false, base);
}

/** A fragment for embedding in a larger document (no declaration, no namespaces, placeholder base). */
export function xmlFragment(node: El | List): string {
  return node.kind === 'list' ? writeList(node, false, undefined) : writeEl(node, false, undefined);
}

/** A whole document: declaration, then the element carrying EM's namespaces; Hrefs on `baseUrl`. */
export function xmlDocument(node: El | List, baseUrl = ''): string {
  const base = { url: baseUrl, escaped: escapeAttr(baseUrl) };
  return XML_DECLARATION + (node.kind === 'list' ? writeList(node, true, base) : writeEl(node, true, base));
}
