import type { FastifyRequest } from 'fastify';
import { EmError } from '../errors.js';
import { readBody } from '../repr/body.js';

/** What a `FileRestoreSpec` asks for: a download, or a restore to the VM with its options. */
export type FileRestoreRequest =
  | { kind: 'download' }
  | { kind: 'original'; overwrite: boolean; permissionsOnly: boolean };

/**
 * Reads a `FileRestoreSpec` (docs: POST …/mounts/{ID}/{filepath}?action=restore): exactly one of
 * ToOriginalLocation (Overwrite, PermissionsOnly, GuestCredentials with UserName and Password, all
 * optional) and ForDirectDownload (empty).
 */
export function readFileRestoreSpec(req: FastifyRequest): FileRestoreRequest {
  const spec = readBody(req, 'FileRestoreSpec');
  const download = spec.has('ForDirectDownload');
  if (download === spec.has('ToOriginalLocation'))
    throw new EmError(
      400,
      download
        ? 'FileRestoreSpec must hold either ToOriginalLocation or ForDirectDownload, not both.'
        : 'FileRestoreSpec needs ToOriginalLocation (restore to the VM) or ForDirectDownload (download the file).',
    );
  if (download) return { kind: 'download' };
  const target = spec.object('ToOriginalLocation');
  const overwrite = target.boolean('Overwrite', true) ?? false;
  const permissionsOnly = target.boolean('PermissionsOnly', true) ?? false;
  const credentials = target.object('GuestCredentials', true);
  if (credentials) {
    credentials.string('UserName');
    credentials.string('Password');
  }
  return { kind: 'original', overwrite, permissionsOnly };
}
