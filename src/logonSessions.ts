import { Rng } from '../data/random.js';
import type { Clock } from './clock.js';

export interface LogonSession {
  id: string;
  userName: string;
  /** What the client sends back: base64 of the SessionId string, as real EM does. */
  token: string;
  createdAt: number;
  lastSeen: number;
}

export function tokenFor(sessionId: string): string {
  return Buffer.from(sessionId, 'ascii').toString('base64');
}

/**
 * Live logon sessions. Idle expiry is sliding and measured on the server clock; an expired
 * session is removed the first time anyone looks it up.
 */
export class LogonSessionStore {
  private readonly byToken = new Map<string, LogonSession>();
  private counter = 0;

  constructor(
    private readonly clock: Clock,
    private readonly seed: number,
    private readonly idleTimeoutMs: number,
  ) {}

  create(userName: string): LogonSession {
    // Seeded like the dataset, so a replayed run gets the same session ids and tokens.
    const id = new Rng(this.seed, 'LogonSession', this.counter++).guid();
    const now = this.clock.now();
    const session = { id, userName, token: tokenFor(id), createdAt: now, lastSeen: now };
    this.byToken.set(session.token, session);
    return session;
  }

  private expired(s: LogonSession): boolean {
    return this.clock.now() - s.lastSeen >= this.idleTimeoutMs;
  }

  /** The live session for a token, its idle timer restarted; undefined if unknown or expired. */
  touch(token: string): LogonSession | undefined {
    const s = this.byToken.get(token);
    if (!s) return undefined;
    if (this.expired(s)) {
      this.byToken.delete(token);
      return undefined;
    }
    s.lastSeen = this.clock.now();
    return s;
  }

  /** The live session for a token, without restarting its idle timer (for fault matching). */
  peek(token: string): LogonSession | undefined {
    const s = this.byToken.get(token);
    return s && !this.expired(s) ? s : undefined;
  }

  /** Live sessions of one user (case-insensitive, as Windows account names are). */
  ofUser(userName: string): LogonSession[] {
    return this.list().filter((s) => s.userName.toLowerCase() === userName.toLowerCase());
  }

  /** All live sessions, oldest first. */
  list(): LogonSession[] {
    for (const s of this.byToken.values()) if (this.expired(s)) this.byToken.delete(s.token);
    return [...this.byToken.values()];
  }

  delete(id: string): boolean {
    return this.byToken.delete(tokenFor(id.toLowerCase()));
  }

  /** Makes a session idle-expired now (for the control plane). */
  expire(id: string): boolean {
    const s = this.byToken.get(tokenFor(id.toLowerCase()));
    if (!s) return false;
    s.lastSeen = -Infinity;
    return true;
  }

  clear(): void {
    this.byToken.clear();
  }
}
