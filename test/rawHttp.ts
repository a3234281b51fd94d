import { connect } from 'node:net';
import { listen, type RunningServer } from '../src/server.js';
import { defaultConfig, type Config } from '../src/config.js';
import type { HttpLimits } from '../src/httpGuard.js';
import { PATIENCE_MS } from './patience.js';

export interface RawReply {
  /** Everything the server sent, as latin1 text. */
  text: string;
  /** Whether the server closed the connection before we stopped waiting. */
  closed: boolean;
}

export interface ExchangeOptions {
  /**
   * Stop once this many complete final replies are in, for a server that keeps the connection
   * open; without it, wait until the server closes.
   */
  replies?: number;
  /** Half-close our side after writing, so an incomplete request ends at once. */
  end?: boolean;
  /** Give up (`closed: false`) after this long: a bound on a hang, not something to wait out. */
  waitMs?: number;
}

/** Writes exactly `bytes` on a fresh connection and collects what comes back. */
export function rawExchange(
  port: number,
  bytes: string | Buffer,
  { replies, end = false, waitMs = PATIENCE_MS }: ExchangeOptions = {},
): Promise<RawReply> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const done = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ text, closed });
    };
    const timer = setTimeout(() => done(false), waitMs);
    socket.on('data', (c: Buffer) => {
      text += c.toString('latin1');
      if (replies !== undefined && parseReplies(text).length >= replies) done(false);
    });
    socket.on('close', () => done(true));
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
  /** The status line and headers as sent. */
  rawHead: string;
}

/**
 * Splits raw replies (interim 1xx skipped) into status, headers and a body of Content-Length
 * bytes; a reply whose body has not all arrived is not counted. `rest` is what follows them.
 * After a HEAD request (`head`), the first reply has no body whatever its Content-Length.
 */
export function splitReplies(text: string, head = false): { replies: ParsedReply[]; rest: string } {
  const replies: ParsedReply[] = [];
  let rest = text;
  while (rest.startsWith('HTTP/1.1 ')) {
    const split = rest.indexOf('\r\n\r\n');
    if (split < 0) break;
    const headText = rest.slice(0, split);
    const lines = headText.split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const i = line.indexOf(':');
      headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
    }
    const status = Number(lines[0]!.split(' ')[1]);
    const after = rest.slice(split + 4);
    if (status < 200) {
      rest = after;
      continue;
    }
    const length = head && replies.length === 0 ? 0 : Number(headers['content-length'] ?? 0);
    const bytes = Buffer.from(after, 'latin1');
    if (bytes.length < length) break;
    replies.push({ status, headers, body: bytes.subarray(0, length).toString('utf8'), rawHead: headText });
    rest = bytes.subarray(length).toString('latin1');
  }
  return { replies, rest };
}

export const parseReplies = (text: string, head = false): ParsedReply[] => splitReplies(text, head).replies;

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
