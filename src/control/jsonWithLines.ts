import { formatPath, type FieldPath } from './errors.js';
import { MAX_JSON_DEPTH } from './input.js';

/** A JSON document plus the line each value starts on, so file errors can name their line. */
export interface LocatedJson {
  value: unknown;
  /** The line of the value at `path`, or of its nearest enclosing value that exists. */
  lineOf(path: FieldPath): number;
}

export class JsonSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A small JSON parser that records where each value starts. JSON.parse cannot say on which line
 * a field sits, and a dataset author needs exactly that.
 */
export function parseJsonWithLines(text: string): LocatedJson {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;

  const fail = (what: string): never => {
    const near = i < text.length ? `near ${JSON.stringify(text.slice(i, i + 12))}` : 'at the end of the file';
    throw new JsonSyntaxError(line, `${what} ${near}`);
  };
  const skipSpace = () => {
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '\n') line++;
      else if (c !== ' ' && c !== '\t' && c !== '\r') break;
    }
  };
  const expect = (c: string) => {
    skipSpace();
    if (text[i] !== c) fail(`expected ${JSON.stringify(c)}`);
    i++;
  };

  const string = (): string => {
    const m = /^"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/.exec(text.slice(i, i + 1_000_000));
    if (!m) fail('invalid string');
    i += m![0].length;
    return JSON.parse(m![0]) as string;
  };

  /** After a member or element: true at the closing bracket, false after a comma (both consumed). */
  const atEnd = (close: string): boolean => {
    skipSpace();
    const c = text[i++];
    if (c === close) return true;
    if (c === ',') return false;
    i--;
    return fail(`expected "," or "${close}"`);
  };

  const value = (path: FieldPath): unknown => {
    skipSpace();
    lines.set(formatPath(path), line);
    const c = text[i];
    if ((c === '{' || c === '[') && path.length >= MAX_JSON_DEPTH) fail(`nesting deeper than ${MAX_JSON_DEPTH} levels`);
    if (c === '{') {
      i++;
      const obj: Record<string, unknown> = {};
      skipSpace();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        skipSpace();
        if (text[i] !== '"') fail('expected a field name in double quotes');
        const key = string();
        expect(':');
        // Defined, not assigned: a "__proto__" key must stay an own field (and be refused as unknown).
        Object.defineProperty(obj, key, {
          value: value([...path, key]),
          enumerable: true,
          writable: true,
          configurable: true,
        });
        if (atEnd('}')) return obj;
      }
    }
    if (c === '[') {
      i++;
      const arr: unknown[] = [];
      skipSpace();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value([...path, arr.length]));
        if (atEnd(']')) return arr;
      }
    }
    if (c === '"') return string();
    const m = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (!m) return fail('expected a JSON value');
    i += m[0].length;
    return JSON.parse(m[0]) as unknown;
  };

  const result = value([]);
  skipSpace();
  if (i < text.length) fail('unexpected text after the JSON value');
  return {
    value: result,
    lineOf(path) {
      for (let n = path.length; n >= 0; n--) {
        const found = lines.get(formatPath(path.slice(0, n)));
        if (found !== undefined) return found;
      }
      return 1;
    },
  };
}
