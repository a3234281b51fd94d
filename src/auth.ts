import type { FastifyRequest } from 'fastify';
import { EmError } from './errors.js';
import { isGuid } from './ids.js';
import type { User } from './config.js';
import type { LogonSession } from './logonSessions.js';

export const TOKEN_NAME = 'X-RestSvcSessionId';
const BASIC_CHALLENGE = { 'www-authenticate': 'Basic Realm=RestSvc' };

/** Parses `Authorization: Basic …` and checks it against the configured users. */
export function checkBasic(header: string | undefined, users: readonly User[]): User {
  if (header === undefined || header.trim() === '') {
    throw new EmError(401, 'Authorization header with Basic credentials is required to create a logon session.', BASIC_CHALLENGE);
  }
  const m = /^\s*basic\s+(\S*)\s*$/i.exec(header);
  if (!m) throw new EmError(401, 'Authorization header must use the Basic scheme: "Basic base64(user:password)".', BASIC_CHALLENGE);
  const encoded = m[1]!;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || encoded.length % 4 === 1) {
    throw new EmError(401, 'Basic credentials are not valid base64.', BASIC_CHALLENGE);
  }
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw new EmError(401, 'Basic credentials must have the form user:password.', BASIC_CHALLENGE);
  const name = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  const user = users.find((u) => u.name.toLowerCase() === name.toLowerCase() && u.password === password);
  if (!user) throw new EmError(401, 'The user name or password is incorrect.', BASIC_CHALLENGE);
  return user;
}

/** The token from the cookie or the header; the cookie wins when both are sent (EM's rule). */
export function tokenOf(req: FastifyRequest): string | undefined {
  const cookie = req.cookies?.[TOKEN_NAME];
  if (cookie !== undefined && cookie !== '') return cookie;
  const header = req.headers[TOKEN_NAME.toLowerCase()];
  return Array.isArray(header) ? header[0] : header;
}

function isWellFormedToken(token: string): boolean {
  return token.length === 48 && /^[A-Za-z0-9+/]+$/.test(token) && isGuid(Buffer.from(token, 'base64').toString('latin1'));
}

/** The caller's live logon session, or a 401 that says what was wrong with the token. */
export function authenticate(req: FastifyRequest): LogonSession {
  const token = tokenOf(req);
  if (token === undefined || token.trim() === '') {
    throw new EmError(401, `Authentication required: send the ${TOKEN_NAME} header or cookie from POST /api/sessionMngr/.`);
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
