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
  return s.replace(/\+/g, ' ').replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/** The first parameter of that name, compared case-insensitively, decoded. */
export function param(params: RawParam[], name: string): string | undefined {
  const wanted = name.toLowerCase();
  const p = params.find((x) => x.name.toLowerCase() === wanted);
  return p === undefined ? undefined : decode(p.raw);
}

/**
 * The client's query with `pageSize` and `page` set: values replaced where the client sent
 * them (keeping its spelling and order), appended otherwise. Characters that are not
 * printable ASCII are percent-encoded so the link is a valid URL.
 */
export function withPage(query: string, pageSize: number, page: number): string {
  const set: Record<string, string> = { pagesize: String(pageSize), page: String(page) };
  const seen = new Set<string>();
  const parts = query === '' ? [] : query.split('&');
  const out = parts.map((part) => {
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const key = decode(name).toLowerCase();
    const value = set[key];
    if (value === undefined) return part;
    seen.add(key);
    return `${name}=${value}`;
  });
  if (!seen.has('pagesize')) out.push(`pageSize=${pageSize}`);
  if (!seen.has('page')) out.push(`page=${page}`);
  return out.join('&').replace(/[^\x21-\x7E]/gu, encodeChar);
}

function encodeChar(ch: string): string {
  try {
    return encodeURIComponent(ch);
  } catch {
    return '%EF%BF%BD'; // a lone surrogate: U+FFFD, as a UTF-8 encoder would write it
  }
}
