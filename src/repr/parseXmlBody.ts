import { createRequire } from 'node:module';
import { EmError } from '../errors.js';

type Xmlbuilder2 = typeof import('xmlbuilder2');

// xmlbuilder2's builder and reader (a whole DOM) take about as long to import as the mock's own
// modules, and only requests with an XML body need them: loaded on the first such request.
// The package is CommonJS, so it can be required synchronously.
let xmlbuilder2: Xmlbuilder2 | undefined;
const builder = () => (xmlbuilder2 ??= createRequire(import.meta.url)('xmlbuilder2') as Xmlbuilder2);

/**
 * An XML request body as a plain tree. Element and attribute names are local names (a prefix or
 * EM's default namespace `http://www.veeam.com/ent/v1.0` does not change them; `namespace` says
 * which one it was). Namespace declarations are not attributes. `text` is the element's own
 * character data (text and CDATA, entities decoded, not trimmed), not its children's.
 */
export interface XmlElement {
  name: string;
  namespace: string | null;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** EM's namespace, in which its request bodies are written. */
export const EM_NAMESPACE = 'http://www.veeam.com/ent/v1.0';

// The few DOM members the walk reads. xmlbuilder2 hands out its DOM typed by a transitive
// package, so the shape is stated here rather than imported from it.
interface DomNode {
  nodeType: number;
}
interface DomText extends DomNode {
  data: string;
}
interface DomElement extends DomNode {
  localName: string;
  namespaceURI: string | null;
  childNodes: Iterable<DomNode>;
  attributes: Iterable<{ localName: string; namespaceURI: string | null; value: string }>;
}

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;
const XMLNS = 'http://www.w3.org/2000/xmlns/';

// xmlbuilder2's reader is lenient where .NET's XmlReader is not: it closes unclosed elements,
// accepts a closing tag that does not match, keeps unknown entity references as text and reads
// DTDs, and keeps the last of two same-named attributes. EM refuses all of these, so the text is checked for them first.
const MARKUP =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!([^>]*)>|<(\/?)([^\s/>]+)(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>|&(?!(?:lt|gt|amp|apos|quot|#[0-9]+|#x[0-9a-fA-F]+);)/g;
const ATTRIBUTE = /\s([^\s=/>]+)\s*=\s*(?:"[^"]*"|'[^']*')/g;

function checkWellFormed(text: string): void {
  const open: string[] = [];
  for (const m of text.matchAll(MARKUP)) {
    const [whole, declaration, closing, name, selfClosing] = m;
    if (whole === '&') throw new Error(`an '&' at offset ${m.index} starts no known entity reference`);
    if (declaration !== undefined) throw new Error('a DTD or other <! declaration is not allowed');
    if (name === undefined) continue;
    const seen = new Set<string>();
    for (const [, attr] of whole.matchAll(ATTRIBUTE)) {
      if (seen.has(attr!)) throw new Error(`<${name}> has the attribute ${attr} twice`);
      seen.add(attr!);
    }
    if (closing) {
      const expected = open.pop();
      if (expected !== name) {
        throw new Error(expected ? `</${name}> closes <${expected}>` : `</${name}> closes no open element`);
      }
    } else if (!selfClosing) open.push(name);
  }
  if (open.length > 0) throw new Error(`<${open[open.length - 1]}> is never closed`);
}

function toElement(node: DomElement): XmlElement {
  const attrs: Record<string, string> = {};
  for (const a of node.attributes) if (a.namespaceURI !== XMLNS) attrs[a.localName] = a.value;
  const children: XmlElement[] = [];
  let text = '';
  for (const c of node.childNodes) {
    if (c.nodeType === ELEMENT) children.push(toElement(c as DomElement));
    else if (c.nodeType === TEXT || c.nodeType === CDATA) text += (c as DomText).data;
  }
  return { name: node.localName, namespace: node.namespaceURI, attrs, children, text };
}

/**
 * Parses an XML request body (with or without declaration) into its document element. Anything
 * that is not one well-formed element is a 400 naming what was wrong.
 */
export function parseXmlBody(body: string | Buffer): XmlElement {
  const text = (typeof body === 'string' ? body : body.toString('utf8')).replace(/^\uFEFF/, '');
  // xmlbuilder2 reads a string that is not markup as an element name to create.
  if (!/^\s*</.test(text)) {
    throw new EmError(
      400,
      `The request body is not well-formed XML: ${text.trim() === '' ? 'it has no root element' : 'it does not start with markup'}.`,
    );
  }
  let root: DomElement | null;
  try {
    checkWellFormed(text);
    root = (builder().create(text).node as unknown as { documentElement: DomElement | null }).documentElement;
  } catch (err) {
    throw new EmError(400, `The request body is not well-formed XML: ${(err as Error).message}.`);
  }
  if (!root) throw new EmError(400, 'The request body is not well-formed XML: it has no root element.');
  return toElement(root);
}

/** The first child element named `name`, if any. */
export function child(parent: XmlElement, name: string): XmlElement | undefined {
  return parent.children.find((c) => c.name === name);
}
