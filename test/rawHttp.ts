import { connect } from 'node:net';
import { listen, type RunningServer } from '../src/server.js';
import { defaultConfig, type Config } from '../src/config.js';
import type { HttpLimits } from '../src/httpGuard.js';

export interface RawReply {
  /** Everything the server sent, as latin1 text. */
  text: string;
  /** Whether the server closed the connection before we gave up waiting. */
  closed: boolean;
}

/**
 * Writes exactly `bytes` on a fresh connection and collects what comes back for up to `waitMs`.
 * With `end`, our side is half-closed after writing, so an incomplete request ends at once.
 */
export function rawExchange(port: number, bytes: string | Buffer, waitMs = 1500, end = false): Promise<RawReply> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ text, closed: false });
    }, waitMs);
    socket.on('data', (c: Buffer) => (text += c.toString('latin1')));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closed: true });
    });
    socket.on('error', () => {});
    if (end) socket.end(bytes);
    else socket.write(bytes);
  });
}

export interface ParsedReply {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: string;
}

/** Splits raw replies (interim 1xx skipped) into status, headers and a body cut at Content-Length. */
export function parseReplies(text: string): ParsedReply[] {
  const replies: ParsedReply[] = [];
  let rest = text;
  while (rest.startsWith('HTTP/1.1 ')) {
    const split = rest.indexOf('\r\n\r\n');
    if (split < 0) break;
    const head = rest.slice(0, split).split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of head.slice(1)) {
      const i = line.indexOf(':');
      headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
    }
    const status = Number(head[0]!.split(' ')[1]);
    rest = rest.slice(split + 4);
    if (status < 200) continue;
    const length = Number(headers['content-length'] ?? 0);
    const body = Buffer.from(rest, 'latin1').subarray(0, length);
    replies.push({ status, headers, body: body.toString('utf8') });
    rest = Buffer.from(rest, 'latin1').subarray(length).toString('latin1');
  }
  return replies;
}

/** A mock listening on a free loopback port, in-process. */
export async function listenForTest(
  overrides: Partial<Config> = {},
  httpLimits?: Partial<HttpLimits>,
): Promise<RunningServer> {
  return listen({
    config: defaultConfig({
      port: 0,
      restoreSessions: 10,
      clockStart: Date.parse('2026-11-29T12:00:00Z'),
      ...overrides,
    }),
    ...(httpLimits ? { httpLimits } : {}),
  });
}

export const ADMIN_BASIC = `Basic ${Buffer.from('admin:admin').toString('base64')}`;
