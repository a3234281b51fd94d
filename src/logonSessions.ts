import { randomUUID } from 'node:crypto';
import { Rng } from '../data/random.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';

export type LogonSessionSettings = Pick<Config, 'seed' | 'idleTimeoutMs' | 'maxLogonSessions' | 'reproducibleTokens'>;

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
 * session is removed the first time anyone looks it up. At most `maxLogonSessions` live at once:
 * a logon beyond that ends the least recently used session, as a server short of resources would.
 */
export class LogonSessionStore {
  /** In creation order (what lists show). */
  private readonly byToken = new Map<string, LogonSession>();
  /** The same sessions, least recently used first (what eviction takes). */
  private readonly byUse = new Map<string, LogonSession>();
  private counter = 0;

  constructor(
    private readonly clock: Clock,
    private readonly settings: LogonSessionSettings,
  ) {}

  private get idleTimeoutMs(): number {
    return this.settings.idleTimeoutMs;
  }

  private newId(): string {
    // Tokens are credentials: unguessable unless the user asks for a replayable run, where they
    // are seeded like the dataset.
    if (!this.settings.reproducibleTokens) return randomUUID();
    return new Rng(this.settings.seed, 'LogonSession', this.counter++).guid();
  }

  create(userName: string): LogonSession {
    const now = this.clock.now();
    const id = this.newId();
    const session = { id, userName, token: tokenFor(id), createdAt: now, lastSeen: now };
    while (this.byToken.size >= this.settings.maxLogonSessions) this.remove(this.byUse.keys().next().value!);
    this.byToken.set(session.token, session);
    this.byUse.set(session.token, session);
    return session;
  }

  private remove(token: string): boolean {
    this.byUse.delete(token);
    return this.byToken.delete(token);
  }

  get size(): number {
    return this.byToken.size;
  }

  private expired(s: LogonSession): boolean {
    return this.clock.now() - s.lastSeen >= this.idleTimeoutMs;
  }

  /** The live session for a token, its idle timer restarted; undefined if unknown or expired. */
  touch(token: string): LogonSession | undefined {
    const s = this.byToken.get(token);
    if (!s) return undefined;
    if (this.expired(s)) {
      this.remove(token);
      return undefined;
    }
    s.lastSeen = this.clock.now();
    this.byUse.delete(token);
    this.byUse.set(token, s);
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
    for (const s of this.byToken.values()) if (this.expired(s)) this.remove(s.token);
    return [...this.byToken.values()];
  }

  delete(id: string): boolean {
    return this.remove(tokenFor(id.toLowerCase()));
  }

  /** Makes a session idle-expired now (for the control plane). */
  expire(id: string): boolean {
    const s = this.byToken.get(tokenFor(id.toLowerCase()));
    if (!s) return false;
    s.lastSeen = -Infinity;
    return true;
  }
}
