import { STATUS_CODES } from 'node:http';
import { Rng } from '../../data/random.js';
import { FieldError, type FieldPath } from './errors.js';
import { Fields } from './input.js';
import { pathPattern } from './pathPattern.js';

export type FaultAction = 'error' | 'delay' | 'drop' | 'empty';
const ACTIONS: readonly FaultAction[] = ['error', 'delay', 'drop', 'empty'];

/** A fault rule as a test writes it (POST /__mock/faults, --faults file, the library). */
export interface FaultRuleSpec {
  /** HTTP method, or `*` (default). */
  method?: string;
  /** Path pattern: `*` within a segment, `**` across; default every path (`/**`). */
  path?: string;
  /** Only requests of this user (logon session or Basic credentials), case-insensitive. */
  user?: string;
  /** `error`: EM Error with status and message; `delay`: answer late; `drop`: close the connection; `empty`: empty body. */
  action: FaultAction;
  /** error: 400–599 (default 500); empty: 200–599 (default 200). */
  status?: number;
  /** error: the Error's Message (default: the status's reason phrase). */
  message?: string;
  /** delay: how long, e.g. "2s" or milliseconds. */
  delay?: string | number;
  /** Chance a matching request is hit, 0–1 (default 1), drawn from a seeded stream. */
  probability?: number;
  /** Hit at most this many requests (default: no limit). */
  times?: number;
  /** Let this many matching requests pass first (default 0). */
  skip?: number;
}

export interface FaultRule {
  id: number;
  method: string;
  path: string;
  user: string | null;
  action: FaultAction;
  status: number | null;
  message: string | null;
  delayMs: number | null;
  probability: number;
  times: number | null;
  skip: number;
  /** Requests that matched method, path and user. */
  matched: number;
  /** Requests the fault was applied to. */
  hits: number;
}

const FIELDS = ['method', 'path', 'user', 'action', 'status', 'message', 'delay', 'probability', 'times', 'skip'];
/** The longest delay of one rule, and of all delays one request collects from every rule. */
export const MAX_DELAY_MS = 10 * 60_000;
/** Rules in force at once: every request walks them all. */
export const MAX_FAULT_RULES = 1000;

interface ActiveRule {
  rule: FaultRule;
  pattern: RegExp;
  rng: Rng;
}

/** What the faults decide for one request: wait first, then maybe one terminal fault. */
export interface FaultDecision {
  delayMs: number;
  terminal: FaultRule | undefined;
  /** The last rule applied (for the journal). */
  applied: FaultRule | undefined;
}

function ruleFromSpec(spec: unknown, path: FieldPath, id: number): FaultRule {
  const f = Fields.of(spec, path, FIELDS);
  const action = f.oneOf('action', ACTIONS) ?? f.fail('action', `required: one of ${ACTIONS.join(', ')}`);
  const method = (f.string('method', 20) ?? '*').toUpperCase();
  if (!/^(\*|[A-Z]+)$/.test(method)) f.fail('method', 'expected an HTTP method such as GET, or *');
  const pathPatternText = f.string('path', 500) ?? '/**';
  if (!pathPatternText.startsWith('/')) f.fail('path', 'a path pattern starts with /, e.g. /api/restoreSessions*');
  const forAction = (k: string, which: FaultAction[]) => {
    if (f.has(k) && !which.includes(action)) f.fail(k, `does not apply to action ${action}`);
  };
  forAction('status', ['error', 'empty']);
  forAction('message', ['error']);
  forAction('delay', ['delay']);
  let status: number | null = null;
  if (action === 'error') status = f.integer('status', 400, 599) ?? 500;
  if (action === 'empty') status = f.integer('status', 200, 599) ?? 200;
  const delayMs =
    action === 'delay'
      ? (f.duration('delay', MAX_DELAY_MS) ?? f.fail('delay', 'required for action delay, e.g. "2s"'))
      : null;
  return {
    id,
    method,
    path: pathPatternText,
    user: f.string('user', 255) ?? null,
    action,
    status,
    message: action === 'error' ? (f.string('message', 2000) ?? STATUS_CODES[status!] ?? 'Error') : null,
    delayMs,
    probability: f.number('probability', 0, 1) ?? 1,
    times: f.integer('times', 1, Number.MAX_SAFE_INTEGER) ?? null,
    skip: f.integer('skip', 0, Number.MAX_SAFE_INTEGER) ?? 0,
    matched: 0,
    hits: 0,
  };
}

/**
 * The fault rules in force, in the order added. Each rule draws from its own seeded stream,
 * so the same seed, rules and requests give the same hits on every run.
 */
export class FaultRules {
  private rules: ActiveRule[] = [];
  private nextId = 1;

  /** Called after rules are added, removed or cleared (the app bumps the store's epoch). */
  onChange: () => void = () => {};

  constructor(private seed: number) {}

  /** Checks every spec before adding any; returns the added rules. */
  add(specs: unknown, path: FieldPath = []): FaultRule[] {
    const list = Array.isArray(specs) ? specs : [specs];
    if (this.rules.length + list.length > MAX_FAULT_RULES) {
      throw new FieldError(
        path,
        `at most ${MAX_FAULT_RULES} fault rules may be in force; ${this.rules.length} are, ${list.length} more given`,
      );
    }
    const rules = list.map((s, i) => ruleFromSpec(s, Array.isArray(specs) ? [...path, i] : path, this.nextId + i));
    this.nextId += rules.length;
    for (const rule of rules) {
      this.rules.push({ rule, pattern: pathPattern(rule.path), rng: new Rng(this.seed, 'Fault', rule.id) });
    }
    this.onChange();
    return rules.map((r) => ({ ...r }));
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r.rule }));
  }

  remove(id: number): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.rule.id !== id);
    if (this.rules.length === before) return false;
    this.onChange();
    return true;
  }

  /** Drops every rule and restarts ids (and so their random streams), optionally with a new seed. */
  clear(seed = this.seed): void {
    this.rules = [];
    this.nextId = 1;
    this.seed = seed;
    this.onChange();
  }

  /** Counts matches and hits; delays add up, the first error/drop/empty ends the search. */
  decide(method: string, path: string, user: string | undefined): FaultDecision {
    const decision: FaultDecision = { delayMs: 0, terminal: undefined, applied: undefined };
    for (const { rule, pattern, rng } of this.rules) {
      if (rule.method !== '*' && rule.method !== method.toUpperCase()) continue;
      if (!pattern.test(path)) continue;
      if (rule.user !== null && rule.user.toLowerCase() !== user?.toLowerCase()) continue;
      rule.matched++;
      if (rule.matched <= rule.skip) continue;
      if (rule.times !== null && rule.hits >= rule.times) continue;
      if (rule.probability < 1 && rng.next() >= rule.probability) continue;
      rule.hits++;
      decision.applied = rule;
      if (rule.action === 'delay') decision.delayMs = Math.min(MAX_DELAY_MS, decision.delayMs + rule.delayMs!);
      else {
        decision.terminal = rule;
        break;
      }
    }
    return decision;
  }
}
