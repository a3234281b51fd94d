import { EmError } from './errors.js';

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A GUID in its 8-4-4-4-12 hex form, either case (the one pattern for ids, UIDs and tokens). */
export function isGuid(s: string): boolean {
  return GUID.test(s);
}

function shown(raw: string): string {
  return raw.length > 80 ? `${raw.slice(0, 80)}…` : raw;
}

/**
 * The GUID in an `{ID}` path segment: the bare GUID or the full `urn:veeam:<Type>:<guid>`
 * (clients use both). Anything else cannot name an object: 404.
 */
export function guidFromPath(raw: string, uidType: string, what: string): string {
  const urn = /^urn:veeam:([^:]+):(.+)$/i.exec(raw);
  const guid = urn ? urn[2]! : raw;
  if (urn && urn[1]!.toLowerCase() !== uidType.toLowerCase()) {
    throw new EmError(404, `${shown(raw)} is not the UID of a ${what} (expected urn:veeam:${uidType}:<guid>).`);
  }
  if (!isGuid(guid))
    throw new EmError(404, `The ${what} id ${JSON.stringify(shown(raw))} is neither a GUID nor a ${uidType} UID.`);
  return guid.toLowerCase();
}
