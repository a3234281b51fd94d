import { parseArgs } from 'node:util';

/**
 * Start-up options. Each has a flag and an environment variable (the flag wins). Values are
 * checked before anything starts: a bad one stops start-up with one line naming the option.
 */
import { INSTANT_RANGE, inInstantRange } from './clock.js';

import { ESTATE_PRESETS, type EstatePreset } from '../data/estate.js';

export interface User {
  name: string;
  password: string;
}

export interface Config {
  port: number;
  host: string;
  seed: number;
  restoreSessions: number;
  /** The size of the generated estate: a preset, and any of its numbers overridden. */
  estate: EstatePreset;
  backupServers: number | undefined;
  rootsPerPlatform: number | undefined;
  vmsPerRoot: number | undefined;
  historyDays: number | undefined;
  /** Epoch milliseconds; the simulated clock starts here. */
  clockStart: number;
  users: User[];
  idleTimeoutMs: number;
  /** `scheme://host[:port]` used in Hrefs instead of the request's own, when set. */
  publicBaseUrl: string | undefined;
  logRequests: boolean;
  /** Serve the control plane under /__mock. */
  control: boolean;
  /** Bearer token the control plane requires (none when empty). */
  controlToken: string;
  /** Show passwords and tokens in the journal and control-plane answers instead of redacting them. */
  showSecrets: boolean;
  /** How many requests the journal keeps (oldest dropped first). */
  journalSize: number;
  /** A dataset file loaded instead of generating restore sessions. */
  dataFile: string | undefined;
  /** A JSON file of fault rules active from start-up. */
  faultsFile: string | undefined;
  /** Serve HTTPS (a self-signed certificate unless tlsCert/tlsKey are given). */
  tls: boolean;
  /** Paths of the user's own PEM certificate and key; either implies tls. */
  tlsCert: string | undefined;
  tlsKey: string | undefined;
  /** Open connections accepted at once. */
  maxConnections: number;
  /** Live logon sessions at once; a logon beyond ends the least recently used one. */
  maxLogonSessions: number;
  /** Seeded logon tokens (replayable runs) instead of cryptographically random ones. */
  reproducibleTokens: boolean;
  /**
   * Which EM's serializer to imitate: `12` (JSON keeps null members, paging links list the query's
   * parameters by name) or `9.5` (a 9.5 Update 4 server: null members left out, parameters in the
   * client's order).
   */
  emStyle: EmStyle;
}

export type EmStyle = '12' | '9.5';

export class ConfigError extends Error {}

/** Whether a bind address means "every interface" (then not an address clients can use). */
export function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

interface OptionSpec {
  flag: string;
  env: string;
  help: string;
  default: string;
}

export const OPTIONS: Record<keyof Config, OptionSpec> = {
  port: { flag: '--port', env: 'EM_MOCK_PORT', help: 'TCP port to listen on (0 picks a free one)', default: '9398' },
  host: { flag: '--host', env: 'EM_MOCK_HOST', help: 'address to bind', default: '127.0.0.1' },
  seed: { flag: '--seed', env: 'EM_MOCK_SEED', help: 'seed of the generated environment (integer)', default: '1' },
  restoreSessions: {
    flag: '--restore-sessions',
    env: 'EM_MOCK_RESTORE_SESSIONS',
    help: 'number of restore sessions generated over the days of history',
    default: '200',
  },
  estate: {
    flag: '--estate',
    env: 'EM_MOCK_ESTATE',
    help: 'size of the generated estate: small, medium or large (~10 000 VMs, a year)',
    default: 'medium',
  },
  backupServers: {
    flag: '--backup-servers',
    env: 'EM_MOCK_BACKUP_SERVERS',
    help: 'backup servers (sites) in the estate',
    default: '',
  },
  rootsPerPlatform: {
    flag: '--roots-per-platform',
    env: 'EM_MOCK_ROOTS_PER_PLATFORM',
    help: 'vCenters, Cloud Directors and Hyper-V clusters per server, each with a backup job',
    default: '',
  },
  vmsPerRoot: { flag: '--vms-per-root', env: 'EM_MOCK_VMS_PER_ROOT', help: 'VMs in each hierarchy root', default: '' },
  historyDays: {
    flag: '--history-days',
    env: 'EM_MOCK_HISTORY_DAYS',
    help: 'days of job and restore history',
    default: '',
  },
  clockStart: {
    flag: '--clock-start',
    env: 'EM_MOCK_CLOCK_START',
    help: 'ISO instant the simulated clock starts at',
    default: 'now',
  },
  users: {
    flag: '--users',
    env: 'EM_MOCK_USERS',
    help: 'accepted credentials, comma-separated name:password pairs',
    default: 'admin:admin',
  },
  idleTimeoutMs: {
    flag: '--idle-timeout',
    env: 'EM_MOCK_IDLE_TIMEOUT',
    help: 'idle expiry of logon sessions, in minutes (or with unit: 90s, 15m, 1h)',
    default: '15m',
  },
  publicBaseUrl: {
    flag: '--public-url',
    env: 'EM_MOCK_PUBLIC_URL',
    help: 'scheme://host[:port] written into Hrefs (default: from each request)',
    default: '',
  },
  logRequests: {
    flag: '--log-requests',
    env: 'EM_MOCK_LOG_REQUESTS',
    help: 'log every request (true/false)',
    default: 'false',
  },
  control: {
    flag: '--control',
    env: 'EM_MOCK_CONTROL',
    help: 'serve the control plane under /__mock (true/false)',
    default: 'true',
  },
  controlToken: {
    flag: '--control-token',
    env: 'EM_MOCK_CONTROL_TOKEN',
    help: 'bearer token required by the control plane',
    default: '',
  },
  showSecrets: {
    flag: '--show-secrets',
    env: 'EM_MOCK_SHOW_SECRETS',
    help: 'show passwords, tokens and cookies in the journal and control-plane answers (true/false)',
    default: 'false',
  },
  journalSize: {
    flag: '--journal-size',
    env: 'EM_MOCK_JOURNAL_SIZE',
    help: 'requests kept in the journal (0 keeps none)',
    default: '1000',
  },
  dataFile: {
    flag: '--data',
    env: 'EM_MOCK_DATA',
    help: 'dataset JSON file loaded instead of generated sessions',
    default: '',
  },
  faultsFile: {
    flag: '--faults',
    env: 'EM_MOCK_FAULTS',
    help: 'JSON file of fault rules active from start-up',
    default: '',
  },
  tls: {
    flag: '--tls',
    env: 'EM_MOCK_TLS',
    help: 'serve HTTPS with a self-signed certificate made at start-up (true/false)',
    default: 'false',
  },
  tlsCert: {
    flag: '--tls-cert',
    env: 'EM_MOCK_TLS_CERT',
    help: 'PEM certificate file for HTTPS (implies --tls; needs --tls-key)',
    default: '',
  },
  tlsKey: {
    flag: '--tls-key',
    env: 'EM_MOCK_TLS_KEY',
    help: 'PEM private key file for HTTPS (implies --tls; needs --tls-cert)',
    default: '',
  },
  maxConnections: {
    flag: '--max-connections',
    env: 'EM_MOCK_MAX_CONNECTIONS',
    help: 'open connections accepted at once; more are closed on arrival',
    default: '1024',
  },
  maxLogonSessions: {
    flag: '--max-logon-sessions',
    env: 'EM_MOCK_MAX_LOGON_SESSIONS',
    help: 'live logon sessions at once; a logon beyond ends the least recently used',
    default: '1000',
  },
  reproducibleTokens: {
    flag: '--reproducible-tokens',
    env: 'EM_MOCK_REPRODUCIBLE_TOKENS',
    help: 'logon tokens from the seed instead of a cryptographic source (true/false)',
    default: 'false',
  },
  emStyle: {
    flag: '--em-style',
    env: 'EM_MOCK_EM_STYLE',
    help: 'serializer style: 12 (JSON nulls, as EM 12) or 9.5 (no null members, as EM 9.5 Update 4)',
    default: '12',
  },
};

/** Options that may be given as a bare flag, meaning true. */
const BOOLEAN_OPTIONS = new Set<keyof Config>(['logRequests', 'control', 'tls', 'reproducibleTokens', 'showSecrets']);

function fail(key: keyof Config, value: string, why: string): never {
  const o = OPTIONS[key];
  throw new ConfigError(`invalid ${o.flag} (${o.env}) value ${JSON.stringify(value)}: ${why}`);
}

/** The allowed range of each numeric option (the CLI and the library check the same). */
export const NUMERIC_RANGES = {
  port: [0, 65535],
  seed: [0, 2 ** 31 - 1],
  restoreSessions: [0, 1_000_000],
  journalSize: [0, 1_000_000],
  maxConnections: [1, 1_000_000],
  maxLogonSessions: [1, 1_000_000],
  backupServers: [1, 100],
  rootsPerPlatform: [1, 20],
  vmsPerRoot: [1, 5000],
  historyDays: [1, 730],
  // At least a second; at most ten years, so expiry instants stay dates.
  idleTimeoutMs: [1000, 3650 * 86_400_000],
} as const satisfies Partial<Record<keyof Config, readonly [number, number]>>;

function integer(key: keyof typeof NUMERIC_RANGES, v: string): number {
  const [min, max] = NUMERIC_RANGES[key];
  if (!/^-?\d+$/.test(v.trim())) fail(key, v, 'not an integer');
  const n = Number(v);
  if (n < min || n > max) fail(key, v, `must be between ${min} and ${max}`);
  return n;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A duration: a bare number is minutes; `ms`, `s`, `m`, `h`, `d` units are accepted. */
export function parseDuration(v: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(v);
  if (!m) return undefined;
  return Math.round(Number(m[1]) * UNIT_MS[m[2] ?? 'm']!);
}

function parseUsers(v: string): User[] {
  const users = v.split(',').map((pair) => {
    const i = pair.indexOf(':');
    if (i <= 0) fail('users', v, `"${pair}" is not name:password`);
    return { name: pair.slice(0, i), password: pair.slice(i + 1) };
  });
  return users;
}

function parseBool(key: keyof Config, v: string): boolean {
  const s = v.trim().toLowerCase();
  if (['true', '1', 'yes', ''].includes(s)) return true;
  if (['false', '0', 'no'].includes(s)) return false;
  return fail(key, v, 'expected true or false');
}

export function parseInstant(v: string): number | undefined {
  // Full ISO instants only, with a zone or taken as UTC; anything Date would guess at is refused.
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(v)) return undefined;
  const withZone = /T.*(Z|[+-]\d{2}:\d{2})$/.test(v) || !v.includes('T') ? v : `${v}Z`;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? undefined : ms;
}

function convert(key: keyof Config, raw: string, now: number): Config[keyof Config] {
  switch (key) {
    case 'port':
      return integer(key, raw);
    case 'host':
      if (!/^[A-Za-z0-9.:_\-[\]]+$/.test(raw)) fail(key, raw, 'not a host name or address');
      return raw;
    case 'seed':
      return integer(key, raw);
    case 'restoreSessions':
      return integer(key, raw);
    case 'estate':
      return (ESTATE_PRESETS as readonly string[]).includes(raw)
        ? (raw as EstatePreset)
        : fail(key, raw, `expected one of ${ESTATE_PRESETS.join(', ')}`);
    case 'backupServers':
    case 'rootsPerPlatform':
    case 'vmsPerRoot':
    case 'historyDays':
      return raw === '' ? undefined : integer(key, raw);
    case 'clockStart': {
      if (raw === 'now') return now;
      const ms = parseInstant(raw) ?? fail(key, raw, 'not an ISO instant like 2026-01-31T12:00:00Z');
      return inInstantRange(ms) ? ms : fail(key, raw, `must be ${INSTANT_RANGE}`);
    }
    case 'users':
      return parseUsers(raw);
    case 'idleTimeoutMs': {
      const ms = parseDuration(raw);
      const [min, max] = NUMERIC_RANGES.idleTimeoutMs;
      if (ms === undefined || ms < min || ms > max)
        fail(key, raw, 'expected a duration from 1s to 3650d, e.g. 15 or 15m or 90s');
      return ms;
    }
    case 'publicBaseUrl': {
      if (raw === '') return undefined;
      let u: URL;
      try {
        u = new URL(raw);
      } catch {
        return fail(key, raw, 'not a URL');
      }
      if (!/^https?:$/.test(u.protocol) || (u.pathname !== '/' && u.pathname !== '')) {
        fail(key, raw, 'expected http(s)://host[:port] without a path');
      }
      return `${u.protocol}//${u.host}`;
    }
    case 'logRequests':
    case 'reproducibleTokens':
    case 'tls':
    case 'control':
    case 'showSecrets':
      return parseBool(key, raw);
    case 'controlToken':
      if (/\s/.test(raw)) fail(key, raw, 'must not contain white space');
      return raw;
    case 'journalSize':
      return integer(key, raw);
    case 'maxConnections':
    case 'maxLogonSessions':
      return integer(key, raw);
    case 'dataFile':
    case 'faultsFile':
    case 'tlsCert':
    case 'tlsKey':
      return raw === '' ? undefined : raw;
    case 'emStyle':
      if (raw !== '12' && raw !== '9.5') fail(key, raw, 'expected 12 or 9.5');
      return raw;
  }
}

export interface ParseResult {
  config: Config;
  help: boolean;
}

/** Reads flags (`--name value` or `--name=value`) over environment variables over defaults. */
export function parseConfig(argv: string[], env: NodeJS.ProcessEnv, now = Date.now()): ParseResult {
  const byName = new Map<string, keyof Config>();
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {
    help: { type: 'boolean', short: 'h' },
  };
  for (const [k, o] of Object.entries(OPTIONS)) {
    const key = k as keyof Config;
    byName.set(o.flag.slice(2), key);
    options[o.flag.slice(2)] = { type: BOOLEAN_OPTIONS.has(key) ? 'boolean' : 'string' };
  }
  // Not strict: its errors would not be ours, and a boolean flag may take a value (`--tls false`).
  const { tokens } = parseArgs({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
  const given = new Map<keyof Config, string>();
  let help = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind !== 'option')
      throw new ConfigError(
        `unknown option ${JSON.stringify(token.kind === 'positional' ? token.value : '--')} (see --help)`,
      );
    if (token.name === 'help') {
      help = true;
      continue;
    }
    const key = byName.get(token.name);
    if (!key || !token.rawName.startsWith('--'))
      throw new ConfigError(`unknown option ${JSON.stringify(token.rawName)} (see --help)`);
    if (!BOOLEAN_OPTIONS.has(key)) {
      if (token.value === undefined) throw new ConfigError(`option ${token.rawName} needs a value`);
      given.set(key, token.value);
      continue;
    }
    // A bare boolean flag means true, unless the next argument is its value.
    const next = tokens[i + 1];
    if (token.inlineValue) given.set(key, token.value!);
    else if (next?.kind === 'positional') {
      given.set(key, next.value);
      i++;
    } else given.set(key, 'true');
  }
  const config = {} as Record<keyof Config, unknown>;
  for (const [k, o] of Object.entries(OPTIONS)) {
    const key = k as keyof Config;
    const raw = given.get(key) ?? env[o.env] ?? o.default;
    config[key] = convert(key, raw, now);
  }
  return { config: config as unknown as Config, help };
}

export function usage(): string {
  const lines = ['Usage: veeam-em-mock [options]', '', 'Options (flag / environment variable, default):'];
  for (const o of Object.values(OPTIONS)) {
    lines.push(`  ${o.flag.padEnd(20)} ${o.env.padEnd(26)} ${o.help} (default: ${o.default || 'none'})`);
  }
  return lines.join('\n');
}

/** Defaults for embedding: the same values the CLI would use with no flags and no environment. */
export function defaultConfig(overrides: Partial<Config> = {}): Config {
  return { ...parseConfig([], {}).config, ...overrides };
}
