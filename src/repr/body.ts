import type { FastifyRequest } from 'fastify';
import { EmError } from '../errors.js';
import { EM_NAMESPACE, parseXmlBody, type XmlElement } from './parseXmlBody.js';

/**
 * Request bodies of EM's actions: XML in EM's namespace (with or without a declaration) or JSON
 * (PascalCase members, no root wrapper), chosen by Content-Type. Both become one tree of plain
 * members, read through `BodyFields`, so the two formats are checked by the same code.
 */

export { EM_NAMESPACE };

type Value = string | number | boolean | null | Members | Value[];
interface Members {
  [name: string]: Value;
}

const bad = (message: string) => new EmError(400, message);

function bodyText(req: FastifyRequest): string {
  const body = req.body;
  return Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
}

/**
 * An element's members: its attributes and child elements by name (text when it has neither).
 * XmlSerializer writes some members as attributes (`<ToOriginalLocation Overwrite="false">`).
 */
function members(el: XmlElement): Members | string {
  // A value with attributes (`<Name xml:space="preserve">x</Name>`) stays a value.
  if (el.children.length === 0 && (Object.keys(el.attrs).length === 0 || el.text.trim() !== '')) return el.text;
  const out: Members = { ...el.attrs };
  for (const c of el.children) {
    if (c.namespace !== EM_NAMESPACE) throw bad(`The element ${c.name} must be in EM's namespace ${EM_NAMESPACE}.`);
    out[c.name] = members(c);
  }
  return out;
}

function parseXml(text: string, root: string): Members {
  let el: XmlElement;
  try {
    el = parseXmlBody(text);
  } catch (err) {
    // The parser says what is wrong; the action adds what it expected.
    throw bad(`${(err as Error).message} Expected a ${root} document.`);
  }
  if (el.name !== root) throw bad(`The request body must be a ${root} document, not ${el.name}.`);
  if (el.namespace !== EM_NAMESPACE) throw bad(`The ${root} element must be in EM's namespace ${EM_NAMESPACE}.`);
  const m = members(el);
  return typeof m === 'string' ? {} : m;
}

function parseJson(text: string, root: string): Members {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw bad(`The request body is not valid JSON (${(err as Error).message}); expected a ${root} object.`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw bad(`The request body must be a JSON object (${root}).`);
  return doc as Members;
}

/** The body of an action as `root` (its XML document element), or a 400 saying what is wrong. */
export function readBody(req: FastifyRequest, root: string): BodyFields {
  const text = bodyText(req);
  if (text.trim() === '') throw bad(`The request needs a ${root} body (XML or JSON).`);
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  const json = type.includes('json') || (!type.includes('xml') && /^\s*[{[]/.test(text));
  return new BodyFields(json ? parseJson(text, root) : parseXml(text, root), root, json);
}

const shown = (v: Value) => {
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
};

/** Typed, named access to a body's members; every refusal names the member and why. */
export class BodyFields {
  constructor(
    private readonly m: Members,
    readonly path: string,
    private readonly json: boolean,
  ) {}

  /** JSON member names match case-insensitively (as EM's JSON reader does); XML names exactly. */
  private raw(name: string): Value | undefined {
    if (name in this.m) return this.m[name];
    if (!this.json) return undefined;
    const key = Object.keys(this.m).find((k) => k.toLowerCase() === name.toLowerCase());
    return key === undefined ? undefined : this.m[key];
  }

  private where(name: string) {
    return `${this.path}.${name}`;
  }

  /** The member's value, or undefined when it is absent and optional (a 400 when required). */
  private present(name: string, optional: boolean): Value | undefined {
    const v = this.raw(name);
    if (v !== undefined && v !== null) return v;
    if (optional) return undefined;
    throw bad(`${this.where(name)} is required.`);
  }

  has(name: string): boolean {
    const v = this.raw(name);
    return v !== undefined && v !== null;
  }

  object(name: string): BodyFields;
  object(name: string, optional: true): BodyFields | undefined;
  object(name: string, optional = false): BodyFields | undefined {
    const v = this.present(name, optional);
    if (v === undefined) return undefined;
    // An empty XML element (`<ForDirectDownload/>`) is an element whose members are all left out.
    if (v === '' && !this.json) return new BodyFields({}, this.where(name), this.json);
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      throw bad(`${this.where(name)} must be an element with members, got ${shown(v)}.`);
    return new BodyFields(v, this.where(name), this.json);
  }

  string(name: string, max?: number): string;
  string(name: string, max: number | undefined, optional: true): string | undefined;
  string(name: string, max?: number, optional = false): string | undefined {
    const v = this.present(name, optional);
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw bad(`${this.where(name)} must be a string, got ${shown(v)}.`);
    if (!optional && v.trim() === '') throw bad(`${this.where(name)} must not be empty.`);
    if (max !== undefined && v.length > max) throw bad(`${this.where(name)} must be at most ${max} characters long.`);
    return v;
  }

  boolean(name: string): boolean;
  boolean(name: string, optional: true): boolean | undefined;
  boolean(name: string, optional = false): boolean | undefined {
    const v = this.present(name, optional);
    if (v === undefined) return undefined;
    if (typeof v === 'boolean') return v;
    // xsd:boolean in XML: true, false, 1, 0.
    if (!this.json && typeof v === 'string') {
      const t = v.trim();
      if (t === 'true' || t === '1') return true;
      if (t === 'false' || t === '0') return false;
    }
    throw bad(`${this.where(name)} must be true or false, got ${shown(v)}.`);
  }
}
