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

/**
 * How an error any layer threw is answered: its own 4xx status and message when it carries
 * one (Fastify's body-limit and parser errors do), else a 500 that names the mock as the cause.
 */
export function answerFor(err: Error & { statusCode?: unknown }): {
  status: number;
  message: string;
  internal: boolean;
} {
  if (err instanceof EmError) return { status: err.status, message: err.message, internal: false };
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    return { status: err.statusCode, message: err.message, internal: false };
  }
  return { status: 500, message: `Internal error in the mock: ${err.message}`, internal: true };
}
