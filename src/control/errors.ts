/**
 * Errors of the control plane (our own API, not EM's): rendered as JSON `{"error": message}`.
 * A FieldError names the field at fault, so a test author sees what to fix.
 */

export type FieldPath = readonly (string | number)[];

/** `restoreSessions[2].result`; an empty path is the whole value. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out === '' ? '(body)' : out;
}

export class ControlError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export class FieldError extends ControlError {
  constructor(
    readonly path: FieldPath,
    readonly reason: string,
  ) {
    super(`${formatPath(path)}: ${reason}`);
  }
}
