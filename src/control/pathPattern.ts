/**
 * Path patterns for fault rules and journal filters: matched case-insensitively (as EM routes
 * are) against the path without its query. `*` matches within one segment, `**` across
 * segments; a pattern without wildcards must match the whole path.
 */
export function pathPattern(pattern: string): RegExp {
  const source = pattern
    .replace(/\/{2,}/g, '/')
    .split(/(\*\*|\*)/)
    .map((part) => (part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  // A trailing slash is optional, as it is for the routes themselves.
  return new RegExp(`^${source.replace(/\/$/, '')}/?$`, 'i');
}
