import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Expected response bodies live one way: as pretty-printed files under test/expected/, one per
 * response, compared with the answer after the same pretty-printing. A failing comparison is then
 * a readable line diff instead of two one-line strings of 10 KB.
 *
 * Pretty-printing only adds line breaks and indentation between XML tags and JSON tokens, so no
 * byte of the wire form is lost: `wireForm()` checks separately that the answer itself is compact
 * (no whitespace between tags, JSON exactly as JSON.stringify writes it), which is what EM sends.
 *
 * `UPDATE_EXPECTED=1 npx tap test/x.test.ts` writes the files from the answers instead of comparing;
 * review the diff (`git diff test/expected`) before committing it.
 */

const ROOT = new URL('./expected/', import.meta.url);

export type BodyFormat = 'xml' | 'json';

/** One token a line: tags, and text kept with the tags around it (`<State>Working</State>`). */
export function prettyXml(body: string): string {
  const tokens =
    body
      .trim()
      .replace(/>\s+</g, '><')
      .match(/<[^>]*>|[^<]+/g) ?? [];
  const lines: string[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const pad = '  '.repeat(depth);
    if (token.startsWith('</')) {
      depth--;
      lines.push('  '.repeat(depth) + token);
    } else if (token.startsWith('<?') || token.endsWith('/>') || !token.startsWith('<')) {
      lines.push(pad + token);
    } else if (tokens[i + 2]?.startsWith('</') && !tokens[i + 1]!.startsWith('<')) {
      // An element holding only text stays on one line.
      lines.push(pad + token + tokens[i + 1]! + tokens[i + 2]!);
      i += 2;
    } else if (tokens[i + 1]?.startsWith('</')) {
      lines.push(pad + token + tokens[i + 1]!);
      i += 1;
    } else {
      lines.push(pad + token);
      depth++;
    }
  }
  return `${lines.join('\n')}\n`;
}

export function prettyJson(body: string): string {
  return `${JSON.stringify(JSON.parse(body), null, 2)}\n`;
}

export function pretty(body: string, fmt: BodyFormat): string {
  return fmt === 'json' ? prettyJson(body) : prettyXml(body);
}

/** Why the body is not in EM's compact wire form, or undefined when it is. */
export function wireForm(body: string, fmt: BodyFormat): string | undefined {
  if (fmt === 'json') return JSON.stringify(JSON.parse(body)) === body ? undefined : 'JSON is not compact';
  return />\s+</.test(body) ? 'XML has whitespace between tags' : undefined;
}

function fileOf(name: string, fmt: BodyFormat): URL {
  return new URL(`${name}.${fmt}`, ROOT);
}

/** The expected body as stored, pretty-printed. */
export function expectedFile(name: string, fmt: BodyFormat): string {
  return readFileSync(fileOf(name, fmt), 'utf8');
}

interface Asserter {
  equal(found: unknown, wanted: unknown, message: string): unknown;
  pass(message: string): unknown;
}

/**
 * Compares a response body with test/expected/<name>.<fmt> after pretty-printing, and checks the
 * body's own compact form. With UPDATE_EXPECTED=1 the file is written instead.
 */
export function matchExpected(t: Asserter, body: string, name: string, fmt: BodyFormat, what = `${name}.${fmt}`): void {
  t.equal(wireForm(body, fmt), undefined, `${what}: compact wire form`);
  const file = fileOf(name, fmt);
  if (process.env.UPDATE_EXPECTED === '1') {
    mkdirSync(dirname(file.pathname), { recursive: true });
    writeFileSync(file, pretty(body, fmt));
    t.pass(`${what}: written to test/expected/${name}.${fmt}`);
    return;
  }
  if (!existsSync(file)) {
    t.equal(undefined, `test/expected/${name}.${fmt}`, `${what}: no expected file (run with UPDATE_EXPECTED=1)`);
    return;
  }
  t.equal(pretty(body, fmt), readFileSync(file, 'utf8'), `${what}: body`);
}
