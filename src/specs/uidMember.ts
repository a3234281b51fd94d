import { EmError } from '../errors.js';
import type { BodyFields } from '../repr/body.js';

const UID = /^urn:veeam:([A-Za-z]+):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The GUID of a body member that must be a `urn:veeam:<uidType>:<guid>` UID (UidType), or a 400. */
export function uidMember(body: BodyFields, name: string, uidType: string): string {
  const raw = body.string(name);
  const m = UID.exec(raw.trim());
  if (!m || m[1]!.toLowerCase() !== uidType.toLowerCase()) {
    throw new EmError(
      400,
      `${body.path}.${name} must be a ${uidType} UID (urn:veeam:${uidType}:<guid>), got ${JSON.stringify(raw.slice(0, 80))}.`,
    );
  }
  return m[2]!.toLowerCase();
}
