import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { EmError } from './errors.js';
import { isGuid } from './ids.js';
import type { User } from './config.js';
import type { LogonSession } from './logonSessions.js';

export const TOKEN_NAME = 'X-RestSvcSessionId';
const BASIC_CHALLENGE = { 'www-authenticate': 'Basic Realm=RestSvc' };

export interface BasicCredentials {
  name: string;
  password: string;
}

/**
 * The name and password of an `Authorization: Basic …` value, or why there are none (a message
 * for EM's 401). Lenient about space around the scheme and the credentials, as IIS is.
 */
export function parseBasic(header: string | undefined): BasicCredentials | string {
  if (header === undefined || header.trim() === '') {
    return 'Authorization header with Basic credentials is required to create a logon session.';
  }
  const m = /^\s*basic\s+(\S*)\s*$/i.exec(header);
  if (!m) return 'Authorization header must use the Basic scheme: "Basic base64(user:password)".';
  const encoded = m[1]!;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || encoded.length % 4 === 1)
    return 'Basic credentials are not valid base64.';
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return 'Basic credentials must have the form user:password.';
  return { name: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Equal-length digests compared in constant time: the time taken says nothing about the password. */
export function secretsEqual(given: string, wanted: string): boolean {
  const digest = (v: string) => createHash('sha256').update(v).digest();
  return timingSafeEqual(digest(given), digest(wanted));
}

/** Checks `Authorization: Basic …` against the configured users. */
export function checkBasic(header: string | undefined, users: readonly User[]): User {
  const credentials = parseBasic(header);
  if (typeof credentials === 'string') throw new EmError(401, credentials, BASIC_CHALLENGE);
  const name = credentials.name.toLowerCase();
  // Every user's password is compared, so the time taken does not reveal which names exist.
  let found: User | undefined;
  for (const u of users) {
    const match = secretsEqual(credentials.password, u.password);
    if (match && u.name.toLowerCase() === name) found ??= u;
  }
  if (!found) throw new EmError(401, 'The user name or password is incorrect.', BASIC_CHALLENGE);
  return found;
}

/** The token from the cookie or the header; the cookie wins when both are sent (EM's rule). */
export function tokenOf(req: FastifyRequest): string | undefined {
  const cookie = req.cookies?.[TOKEN_NAME];
  if (cookie !== undefined && cookie !== '') return cookie;
  const header = req.headers[TOKEN_NAME.toLowerCase()];
  return Array.isArray(header) ? header[0] : header;
}

function isWellFormedToken(token: string): boolean {
  return (
    token.length === 48 && /^[A-Za-z0-9+/]+$/.test(token) && isGuid(Buffer.from(token, 'base64').toString('latin1'))
  );
}

/** The caller's live logon session, or a 401 that says what was wrong with the token. */
export function authenticate(req: FastifyRequest): LogonSession {
  const token = tokenOf(req);
  if (token === undefined || token.trim() === '') {
    throw new EmError(
      401,
      `Authentication required: send the ${TOKEN_NAME} header or cookie from POST /api/sessionMngr/.`,
    );
  }
  if (!isWellFormedToken(token.trim())) {
    throw new EmError(401, `The ${TOKEN_NAME} token is malformed: expected the base64 text returned at logon.`);
  }
  const session = req.server.logons.touch(token.trim());
  if (!session) throw new EmError(401, `The ${TOKEN_NAME} token is unknown, expired or logged out. Log on again.`);
  return session;
}

declare module 'fastify' {
  interface FastifyRequest {
    logon?: LogonSession;
  }
}
