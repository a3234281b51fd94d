import { el, type El } from './repr/tree.js';

/** Every failure a client sees: rendered in EM's Error shape with StatusCode = HTTP status. */
export class EmError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * EM's `ErrorType`: attributes Message and StatusCode, element FirstChanceExceptionMessage.
 * Real JSON errors come from a serializer that sorts keys and keeps nulls, so the JSON form is
 * `{"FirstChanceExceptionMessage":…,"Message":…,"StackTrace":null,"Status":null,"StatusCode":…}`.
 */
export function errorRepresentation(status: number, message: string): El {
  return {
    ...el(
      'Error',
      { attrs: { Message: message, StatusCode: status, Status: null } },
      { elems: { FirstChanceExceptionMessage: message, StackTrace: null } },
    ),
    sortJsonKeys: true,
  };
}

export const unauthorized = (message: string) => new EmError(401, message);
export const notFound = (message: string) => new EmError(404, message);
export const badRequest = (message: string) => new EmError(400, message);
