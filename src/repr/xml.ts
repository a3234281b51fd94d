import { DefaultXMLBuilderCBOptions, type XMLBuilderCBOptions } from 'xmlbuilder2/lib/interfaces.js';
import { XMLCBWriter } from 'xmlbuilder2/lib/writers/XMLCBWriter.js';
import { BASE, resolveRaw, type Child, type El, type List, type Raw } from './tree.js';

/**
 * XML is written by xmlbuilder2's streaming XML writer (the one behind its `createCB` builder):
 * it writes the declaration, every tag and every attribute, and `<Reason />` with its space
 * (`spaceBeforeSlash`). Two things stay here, for reasons recorded in notes/libraries.md:
 * - escaping: xmlbuilder2 escapes by the DOM Parsing spec, which leaves an `&` that already looks
 *   like an entity alone and writes tabs and line breaks in attributes as they are; .NET's
 *   XmlSerializer escapes every `&` and writes `&#xD;`, `&#xA;`, `&#x9;` in attributes.
 * - the walk: xmlbuilder2's builders go through a DOM, 15–100× slower than this walk (measured),
 *   and cannot splice in the pre-rendered fragments of immutable entities.
 */

/** Tags and attributes exactly as XmlSerializer writes them, with no indentation. (The defaults are typed Partial but complete.) */
const WRITER_OPTIONS = {
  ...DefaultXMLBuilderCBOptions,
  prettyPrint: false,
  spaceBeforeSlash: true,
  allowEmptyTags: false,
} as XMLBuilderCBOptions;

// With no indentation the writer keeps no state that matters (only a line length for wrapping), so one serves all.
const w = new XMLCBWriter(WRITER_OPTIONS);
const DECLARATION = w.declaration('1.0', 'utf-8');
/** The namespaces on every document element: the xsd/xsi prefixes before the attributes, the default one after them. */
const ROOT_PREFIXES =
  w.attribute('xmlns:xsd', 'http://www.w3.org/2001/XMLSchema') +
  w.attribute('xmlns:xsi', 'http://www.w3.org/2001/XMLSchema-instance');
const ROOT_DEFAULT_NS = w.attribute('xmlns', 'http://www.veeam.com/ent/v1.0');

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

/** One serialization: where its Hrefs point. */
class Serialization {
  constructor(private readonly base: Base) {}

  /** `<name attrs…>body</name>`, or `<name attrs… />` when the body is empty. */
  private element(name: string, attrs: string, body: string): string {
    const open = w.openTagBegin(name) + attrs;
    return body === ''
      ? open + w.openTagEnd(name, true, false)
      : open + w.openTagEnd(name, false, false) + body + w.closeTag(name, true);
  }

  private attribute(name: string, value: string): string {
    return w.attribute(name, withBase(escapeAttr(value), this.base));
  }

  private raw(r: Raw): string {
    return this.base ? resolveRaw(r, 'xml', this.base.url, this.base.escaped) : r.xml;
  }

  /** Base layer first, as XmlSerializer writes derived classes; the root also carries the namespaces. */
  el(e: El, root: boolean): string {
    let attrs = '';
    let body = '';
    if (root) attrs += ROOT_PREFIXES;
    for (const layer of e.layers) {
      if (layer.attrs) {
        for (const [k, v] of Object.entries(layer.attrs))
          if (v !== undefined && v !== null) attrs += this.attribute(k, scalar(v));
      }
      if (layer.elems) {
        for (const [k, v] of Object.entries(layer.elems)) body += this.child(k, v);
      }
    }
    if (root) attrs += ROOT_DEFAULT_NS;
    return this.element(e.name, attrs, body);
  }

  list(l: List, root: boolean): string {
    let body = '';
    for (const item of l.items)
      body +=
        typeof item === 'string'
          ? this.child(l.itemName!, item)
          : item.kind === 'raw'
            ? this.raw(item)
            : this.el(item, false);
    if (l.inline && !root) return body;
    return this.element(l.name, root ? ROOT_PREFIXES + ROOT_DEFAULT_NS : '', body);
  }

  private child(name: string, v: Child | undefined): string {
    if (v === undefined || v === null) return '';
    // XmlSerializer writes an empty string as an empty element: `<Reason />`.
    if (v === '') return this.element(name, '', '');
    if (typeof v !== 'object') {
      const text = w.text(withBase(escapeText(scalar(v)), this.base));
      return w.openTagBegin(name) + w.openTagEnd(name, false, false) + text + w.closeTag(name, true);
    }
    if (v.kind === 'raw') return this.raw(v);
    if (v.kind === 'list') return this.list(v, false);
    return this.el(v, false);
  }
}

/** A fragment for embedding in a larger document (no declaration, no namespaces, placeholder base). */
export function xmlFragment(node: El | List): string {
  const s = new Serialization(undefined);
  return node.kind === 'list' ? s.list(node, false) : s.el(node, false);
}

/**
 * A whole document: declaration, then the element carrying EM's namespaces, placed as
 * XmlSerializer does on a live server (the xsd/xsi prefixes before the attributes, the default
 * namespace after them); Hrefs on `baseUrl`.
 */
export function xmlDocument(node: El | List, baseUrl = ''): string {
  const s = new Serialization({ url: baseUrl, escaped: escapeAttr(baseUrl) });
  return DECLARATION + (node.kind === 'list' ? s.list(node, true) : s.el(node, true));
}
