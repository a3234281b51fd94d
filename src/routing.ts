import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';

export type Handler = (req: FastifyRequest, reply: FastifyReply) => unknown;

export interface ApiRoute {
  method: HTTPMethods;
  url: string;
  /** Routes are protected by a logon session unless this is false. */
  auth?: boolean;
  handler: Handler;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: boolean;
  }
}

/**
 * Remembers which paths exist with which methods, so an unmatched request can be told apart:
 * a known path with the wrong method is 405, anything else is 404.
 */
export class RouteTable {
  private readonly entries: { pattern: RegExp; method: string; url: string }[] = [];

  add(method: string, url: string): void {
    const source = url
      .toLowerCase()
      .split('/')
      .map((seg) => (seg.startsWith(':') ? '[^/]+' : seg === '*' ? '.+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    this.entries.push({ pattern: new RegExp(`^${source}/?$`, 'i'), method, url });
  }

  /** Methods allowed on a concrete path (empty when the path is unknown). */
  methodsFor(path: string): string[] {
    const clean = normalizePath(path);
    const methods = this.entries.filter((e) => e.pattern.test(clean)).map((e) => e.method);
    return [...new Set(methods)];
  }

  /** Whether a collection is served at all (for link lists that only name what resolves). */
  serves(url: string): boolean {
    return this.entries.some((e) => e.url.toLowerCase() === url.toLowerCase());
  }

  /** `serves` for a path below `/api/`, as resource link lists name them. */
  readonly servesApi = (path: string): boolean => this.serves(`/api/${path}`);

  /**
   * Why nothing matched `method url`: a known path with another method is 405 (with the Allow
   * value), anything else 404. `message` is the 405 text; a 404's text is the caller's.
   */
  unmatched(method: string, url: string): { path: string; allow: string | undefined; message: string } {
    const path = normalizePath(url);
    const allowed = this.methodsFor(path);
    if (allowed.length === 0) return { path, allow: undefined, message: '' };
    const allow = allowed.join(', ');
    return { path, allow, message: `Method ${method} is not allowed on ${path}. Allowed: ${allow}.` };
  }
}

/** The path without query, duplicate slashes collapsed (as the router sees it). */
export function normalizePath(url: string): string {
  const q = url.indexOf('?');
  return (q >= 0 ? url.slice(0, q) : url).replace(/\/{2,}/g, '/');
}

export function addRoute(app: FastifyInstance, route: ApiRoute): void {
  app.routeTable.add(route.method, route.url);
  if (route.method === 'GET') app.routeTable.add('HEAD', route.url);
  app.route({
    method: route.method,
    url: route.url,
    config: { auth: route.auth ?? true },
    handler: route.handler,
  });
}

/** Query parameters by lower-cased name: EM matches names case-insensitively. */
export function queryParam(req: FastifyRequest, name: string): string | undefined {
  const q = req.query as Record<string, string | string[] | undefined>;
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(q)) {
    if (k.toLowerCase() === wanted) return Array.isArray(v) ? v[0] : v;
  }
  return undefined;
}

/** `?format=Entity` (any case) asks for entities instead of references. */
export function wantsEntity(req: FastifyRequest): boolean {
  return queryParam(req, 'format')?.toLowerCase() === 'entity';
}
