/**
 * EM's filter grammar, parsed in one left-to-right pass into an AST that keeps character
 * positions (1-based, in the decoded filter) for error messages.
 *
 *   or      := and (',' and)*            ',' is OR
 *   and     := primary (';' primary)*    ';' is AND and binds tighter than ','
 *   primary := '(' or ')' | comparison
 *   comparison := field op value         op: == != < > <= >=
 *   value   := '"' ( any char but '"' | '""' )* '"'  |  bare text up to ; , ( ) or the end
 *
 * Blanks around tokens are ignored; a bare value keeps its inner blanks (`Job+1` is `Job 1`).
 * In both forms `""` stands for one quote character.
 */

export type Op = '==' | '!=' | '<' | '>' | '<=' | '>=';
const OPS = new Set<string>(['==', '!=', '<', '>', '<=', '>=']);

export interface Comparison {
  kind: 'cmp';
  field: string;
  fieldPos: number;
  op: Op;
  value: string;
  valuePos: number;
}

export interface Junction {
  kind: 'and' | 'or';
  items: FilterNode[];
}

export type FilterNode = Comparison | Junction;

/** A malformed filter; `position` is 1-based. */
export class FilterSyntaxError extends Error {
  constructor(
    readonly position: number,
    readonly problem: string,
  ) {
    super(`Invalid filter at position ${position}: ${problem}`);
  }
}

/** Parentheses nested deeper than this are refused (the parser recurses once per level). */
export const MAX_NESTING = 64;

const FIELD_START = /[A-Za-z_]/;
const FIELD_CHAR = /[A-Za-z0-9_.]/;
const OP_CHAR = /[=!<>~]/;
const BLANK = /[ \t\r\n]/;

function show(ch: string | undefined): string {
  return ch === undefined ? 'the end of the filter' : JSON.stringify(ch);
}

class Parser {
  private pos = 0;
  /** Characters and tokens visited: a linear bound on it is what the tests check. */
  work = 0;

  constructor(private readonly src: string) {}

  private peek(): string | undefined {
    return this.src[this.pos];
  }

  private fail(at: number, problem: string): never {
    throw new FilterSyntaxError(at + 1, problem);
  }

  private skipBlanks(): void {
    while (this.pos < this.src.length && BLANK.test(this.src[this.pos]!)) {
      this.pos++;
      this.work++;
    }
  }

  parse(): FilterNode {
    const node = this.or(0);
    this.skipBlanks();
    if (this.pos < this.src.length) {
      const ch = this.peek();
      if (ch === ')') this.fail(this.pos, 'unbalanced parentheses: this ")" closes nothing');
      this.fail(this.pos, `expected ";" (AND), "," (OR) or the end of the filter, found ${show(ch)}`);
    }
    return node;
  }

  private junction(kind: 'and' | 'or', sep: string, next: () => FilterNode): FilterNode {
    const first = next();
    const items = [first];
    for (;;) {
      this.skipBlanks();
      if (this.peek() !== sep) break;
      this.pos++;
      this.work++;
      items.push(next());
    }
    return items.length === 1 ? first : { kind, items };
  }

  private or(depth: number): FilterNode {
    return this.junction('or', ',', () => this.and(depth));
  }

  private and(depth: number): FilterNode {
    return this.junction('and', ';', () => this.primary(depth));
  }

  private primary(depth: number): FilterNode {
    this.skipBlanks();
    if (this.peek() !== '(') return this.comparison();
    const open = this.pos;
    if (depth >= MAX_NESTING) this.fail(open, `parentheses nested deeper than ${MAX_NESTING} levels`);
    this.pos++;
    this.work++;
    const inner = this.or(depth + 1);
    this.skipBlanks();
    if (this.peek() !== ')') {
      if (this.pos >= this.src.length) this.fail(open, 'unbalanced parentheses: this "(" is never closed');
      this.fail(this.pos, `expected ")" to close the "(" at position ${open + 1}, found ${show(this.peek())}`);
    }
    this.pos++;
    this.work++;
    return inner;
  }

  private comparison(): Comparison {
    const fieldPos = this.pos;
    if (!FIELD_START.test(this.peek() ?? '')) this.fail(fieldPos, `expected a field name, found ${show(this.peek())}`);
    while (this.pos < this.src.length && FIELD_CHAR.test(this.src[this.pos]!)) {
      this.pos++;
      this.work++;
    }
    const field = this.src.slice(fieldPos, this.pos);
    this.skipBlanks();
    const opPos = this.pos;
    while (this.pos < this.src.length && OP_CHAR.test(this.src[this.pos]!)) {
      this.pos++;
      this.work++;
    }
    const op = this.src.slice(opPos, this.pos);
    if (op === '')
      this.fail(opPos, `expected a comparison operator (== != < > <= >=) after ${field}, found ${show(this.peek())}`);
    if (!OPS.has(op)) this.fail(opPos, `bad operator ${JSON.stringify(op)} after ${field}; use one of == != < > <= >=`);
    this.skipBlanks();
    const valuePos = this.pos;
    const value = this.startsQuoted() ? this.quoted() : this.bare(field, op);
    this.skipBlanks();
    const after = this.peek();
    if (after === '"' || after === '(')
      this.fail(this.pos, `unexpected ${show(after)} after the value of ${field}; quote the whole value`);
    return { kind: 'cmp', field, fieldPos: fieldPos + 1, op: op as Op, value, valuePos: valuePos + 1 };
  }

  /** `"…"` with `""` standing for one quote. */
  private quoted(): string {
    const open = this.pos;
    this.pos++;
    let out = '';
    for (;;) {
      const close = this.src.indexOf('"', this.pos);
      if (close < 0) {
        this.work += this.src.length - this.pos;
        this.fail(open, 'unterminated quoted value: the closing " is missing');
      }
      this.work += close - this.pos + 1;
      out += this.src.slice(this.pos, close);
      this.pos = close + 1;
      if (this.src[this.pos] !== '"') return out;
      out += '"';
      this.pos++;
    }
  }

  /**
   * A value opens a quoted string unless it starts with a doubled quote followed by more text:
   * the docs' `Name==""Backup""` is a bare value naming `"Backup"`.
   */
  private startsQuoted(): boolean {
    if (this.peek() !== '"') return false;
    if (this.src[this.pos + 1] !== '"') return true;
    const third = this.src[this.pos + 2];
    return third === undefined || ';,()" \t\r\n'.includes(third);
  }

  /** Text up to ; , ( ) or the end, blanks around it dropped, `""` standing for one quote. */
  private bare(field: string, op: string): string {
    const start = this.pos;
    let out = '';
    let from = this.pos;
    while (this.pos < this.src.length && !';,()'.includes(this.src[this.pos]!)) {
      this.work++;
      if (this.src[this.pos] === '"') {
        if (this.src[this.pos + 1] !== '"') break;
        out += this.src.slice(from, this.pos + 1);
        this.pos += 2;
        from = this.pos;
        continue;
      }
      this.pos++;
    }
    const value = (out + this.src.slice(from, this.pos)).trim();
    if (value === '') this.fail(start, `missing value after ${field}${op} (write "" for an empty string)`);
    return value;
  }
}

/** Parses a decoded filter. Throws FilterSyntaxError with the position of the first problem. */
export function parseFilter(src: string): FilterNode {
  return new Parser(src).parse();
}

/** Parses and reports the work done (for the linear-time property test). */
export function parseFilterCounting(src: string): { node?: FilterNode; error?: FilterSyntaxError; work: number } {
  const p = new Parser(src);
  try {
    return { node: p.parse(), work: p.work };
  } catch (e) {
    if (e instanceof FilterSyntaxError) return { error: e, work: p.work };
    throw e;
  }
}
