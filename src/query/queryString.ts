/**
 * The query string of a /query request, read from the raw URL. Read here rather than through
 * the framework's parser because that one gives up on a whole value at the first bad escape
 * (`%ZZ`) and then leaves every `%3D` in it undecoded; and because paging links must echo the
 * client's own text.
 */

export interface RawParam {
  name: string;
  /** As sent, still encoded. */
  raw: string;
}

export function rawQueryOf(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? '' : url.slice(q + 1);
}

export function splitQuery(query: string): RawParam[] {
  if (query === '') return [];
  return query.split('&').map((part) => {
    const eq = part.indexOf('=');
    return eq < 0 ? { name: decode(part), raw: '' } : { name: decode(part.slice(0, eq)), raw: part.slice(eq + 1) };
  });
}

/** `+` is a space; valid `%XX` runs are decoded as UTF-8; anything malformed is kept as sent. */
export function decode(s: string): string {
  const spaced = s.includes('+') ? s.replace(/\+/g, ' ') : s;
  if (!spaced.includes('%')) return spaced;
  // Well-formed text (the usual case) decodes whole, the same as run by run: a run decodes alone
  // exactly when the whole text does, as UTF-8 sequences cannot span anything but escapes.
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/** The first parameter of that name, compared case-insensitively, decoded. */
export function param(params: RawParam[], name: string): string | undefined {
  const wanted = name.toLowerCase();
  const p = params.find((x) => x.name.toLowerCase() === wanted);
  return p === undefined ? undefined : decode(p.raw);
}

/**
 * The queries of a query's paging links, re-serialized as EM writes them: every parameter but
 * `pageSize` and `page` with its value decoded and encoded again the .NET way (`urlEncode`), then
 * `pageSize=<n>&page=<k>`. EM 12 sorts the parameters by name (a live answer to
 * `type=…&format=…&filter=…` links `filter=…&format=…&type=…`); a 9.5 server kept the client's
 * order (`sorted` false). Names keep the client's spelling. The common part is encoded once for
 * all of a page's links.
 */
export function pagingQueries(query: string, sorted = true): (pageSize: number, page: number) => string {
  const params = splitQuery(query).filter((p) => {
    const name = p.name.toLowerCase();
    return p.name !== '' && name !== 'pagesize' && name !== 'page';
  });
  if (sorted) params.sort((a, b) => compareNames(a.name, b.name));
  const head = params.map((p) => `${urlEncode(p.name)}=${urlEncode(decode(p.raw))}&`).join('');
  return (pageSize, page) => `${head}pageSize=${pageSize}&page=${page}`;
}

function compareNames(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * .NET's `HttpUtility.UrlEncode`: letters, digits and `-_.!*()` stay, a space becomes `+`, every
 * other character is its UTF-8 bytes as lower-case `%xx` (`>=` is `%3e%3d`, as captured).
 */
export function urlEncode(s: string): string {
  let out = '';
  let kept = 0; // s[kept..i) stays as it is
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code < 0x80 && ASCII[code] === undefined) continue;
    out += s.slice(kept, i);
    if (code < 0x80) out += ASCII[code];
    else {
      // A surrogate pair is one character of four UTF-8 bytes.
      const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      out += encodeChar(s.slice(i, pair ? i + 2 : i + 1));
      if (pair) i++;
    }
    kept = i + 1;
  }
  return kept === 0 ? s : out + s.slice(kept);
}

/** What each ASCII character that does not stay becomes. */
const ASCII: (string | undefined)[] = Array.from({ length: 0x80 }, (_, code) => {
  const ch = String.fromCharCode(code);
  if (/[A-Za-z0-9\-_.!*()]/.test(ch)) return undefined;
  return ch === ' ' ? '+' : `%${code.toString(16).padStart(2, '0')}`;
});

function encodeChar(ch: string): string {
  try {
    return encodeURIComponent(ch).toLowerCase();
  } catch {
    return '%ef%bf%bd'; // a lone surrogate: U+FFFD, as a UTF-8 encoder would write it
  }
}
