import { BASE } from './tree.js';

/**
 * An absolute EM Href for a path below `/api/`, written on the base-URL placeholder so the text
 * does not depend on the request (the serializers fill the base in).
 */
export function href(path: string): string {
  return `${BASE}/api/${path}`;
}
