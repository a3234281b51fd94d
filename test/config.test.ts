import t from 'tap';
import { ConfigError, parseConfig, parseDuration, usage, defaultConfig } from '../src/config.js';

const NOW = Date.parse('2026-11-29T12:00:00Z');

t.test('defaults', async (t) => {
  const { config, help } = parseConfig([], {}, NOW);
  t.same(config, {
    port: 9398,
    host: '127.0.0.1',
    seed: 1,
    restoreSessions: 200,
    estate: 'medium',
    backupServers: undefined,
    rootsPerPlatform: undefined,
    vmsPerRoot: undefined,
    historyDays: undefined,
    clockStart: NOW,
    users: [{ name: 'admin', password: 'admin' }],
    idleTimeoutMs: 15 * 60_000,
    publicBaseUrl: undefined,
    logRequests: false,
    control: true,
    controlToken: '',
    showSecrets: false,
    journalSize: 1000,
    dataFile: undefined,
    faultsFile: undefined,
    tls: false,
    tlsCert: undefined,
    tlsKey: undefined,
    maxConnections: 1024,
    maxLogonSessions: 1000,
    reproducibleTokens: false,
    emStyle: '12',
  });
  t.equal(help, false);
  t.equal(defaultConfig({ port: 1 }).port, 1);
});

t.test('flags and environment variables; the flag wins', async (t) => {
  const env = {
    EM_MOCK_PORT: '1000',
    EM_MOCK_SEED: '5',
    EM_MOCK_USERS: 'a:b,TECH\\c:d:e',
    EM_MOCK_LOG_REQUESTS: 'yes',
  };
  const { config } = parseConfig(
    [
      '--port',
      '2000',
      '--clock-start=2025-01-02T03:04:05Z',
      '--idle-timeout',
      '90s',
      '--public-url',
      'https://em.local:9398/',
      '--host',
      '0.0.0.0',
      '--restore-sessions',
      '10',
    ],
    env,
    NOW,
  );
  t.equal(config.port, 2000);
  t.equal(config.seed, 5);
  t.equal(config.host, '0.0.0.0');
  t.equal(config.restoreSessions, 10);
  t.equal(config.clockStart, Date.parse('2025-01-02T03:04:05Z'));
  t.equal(config.idleTimeoutMs, 90_000);
  t.equal(config.publicBaseUrl, 'https://em.local:9398');
  t.same(config.users, [
    { name: 'a', password: 'b' },
    { name: 'TECH\\c', password: 'd:e' },
  ]);
  t.equal(config.logRequests, true);
  t.equal(parseConfig(['--log-requests'], {}, NOW).config.logRequests, true, 'a bare boolean flag');
  t.equal(parseConfig(['--log-requests', '--seed', '3'], {}, NOW).config.seed, 3);
  t.equal(
    parseConfig(['--clock-start', '2025-01-02T03:04:05'], {}, NOW).config.clockStart,
    Date.parse('2025-01-02T03:04:05Z'),
    'no zone means UTC',
  );
  t.equal(parseConfig(['--clock-start', '2025-01-02'], {}, NOW).config.clockStart, Date.parse('2025-01-02T00:00:00Z'));
  t.equal(parseConfig(['--help'], {}, NOW).help, true);
  t.match(usage(), /--idle-timeout\s+EM_MOCK_IDLE_TIMEOUT/);
});

t.test('durations', async (t) => {
  t.equal(parseDuration('15'), 900_000, 'a bare number is minutes');
  t.equal(parseDuration('1h'), 3_600_000);
  t.equal(parseDuration('250ms'), 250);
  t.equal(parseDuration('1.5m'), 90_000);
  t.equal(parseDuration('soon'), undefined);
});

t.test('a bad value stops start-up with one line naming the option', async (t) => {
  const bad: [string[], Record<string, string>, RegExp][] = [
    [['--port', 'http'], {}, /^invalid --port \(EM_MOCK_PORT\) value "http": not an integer$/],
    [['--port', '70000'], {}, /--port .*must be between 0 and 65535/],
    [[], { EM_MOCK_PORT: '-1' }, /--port \(EM_MOCK_PORT\) value "-1"/],
    [['--seed', '1.5'], {}, /--seed .*not an integer/],
    [['--restore-sessions', '2000000'], {}, /--restore-sessions/],
    [['--clock-start', 'yesterday'], {}, /--clock-start .*not an ISO instant/],
    [['--clock-start', '2025-13-45T00:00:00Z'], {}, /--clock-start/],
    [['--users', 'admin'], {}, /--users .*"admin" is not name:password/],
    [['--users', ':pw'], {}, /--users/],
    [['--idle-timeout', '0'], {}, /--idle-timeout .*from 1s to 3650d/],
    [['--idle-timeout', 'forever'], {}, /--idle-timeout/],
    [['--public-url', 'not a url'], {}, /--public-url .*not a URL/],
    [['--public-url', 'ftp://x'], {}, /--public-url .*without a path/],
    [['--public-url', 'https://x/api'], {}, /--public-url/],
    [['--host', 'a b'], {}, /--host .*not a host name/],
    [['--log-requests', 'maybe'], {}, /--log-requests .*expected true or false/],
    [['--colour'], {}, /^unknown option "--colour" \(see --help\)$/],
    [['--port'], {}, /^option --port needs a value$/],
    [
      ['--max-logon-sessions', '0'],
      {},
      /^invalid --max-logon-sessions \(EM_MOCK_MAX_LOGON_SESSIONS\) value "0": must be between 1 and 1000000$/,
    ],
    [
      [],
      { EM_MOCK_MAX_CONNECTIONS: 'many' },
      /^invalid --max-connections \(EM_MOCK_MAX_CONNECTIONS\) value "many": not an integer$/,
    ],
    [['--reproducible-tokens', 'sometimes'], {}, /--reproducible-tokens .*expected true or false/],
  ];
  for (const [argv, env, message] of bad) {
    t.throws(() => parseConfig(argv, env, NOW), message, argv.join(' ') || JSON.stringify(env));
    try {
      parseConfig(argv, env, NOW);
    } catch (err) {
      t.ok(err instanceof ConfigError);
      t.notMatch((err as Error).message, /\n/, 'one line');
    }
  }
});

t.test('estate size: a preset and its numbers, by flag or environment', async (t) => {
  const { config } = parseConfig(
    ['--estate', 'large', '--backup-servers=4', '--vms-per-root', '12'],
    { EM_MOCK_HISTORY_DAYS: '30', EM_MOCK_ROOTS_PER_PLATFORM: '2' },
    NOW,
  );
  t.same(
    [config.estate, config.backupServers, config.rootsPerPlatform, config.vmsPerRoot, config.historyDays],
    ['large', 4, 2, 12, 30],
  );
  t.throws(
    () => parseConfig(['--estate', 'huge'], {}, NOW),
    new ConfigError('invalid --estate (EM_MOCK_ESTATE) value "huge": expected one of small, medium, large'),
  );
  t.throws(
    () => parseConfig(['--backup-servers', '0'], {}, NOW),
    new ConfigError('invalid --backup-servers (EM_MOCK_BACKUP_SERVERS) value "0": must be between 1 and 100'),
  );
  t.throws(
    () => parseConfig([], { EM_MOCK_VMS_PER_ROOT: 'many' }, NOW),
    new ConfigError('invalid --vms-per-root (EM_MOCK_VMS_PER_ROOT) value "many": not an integer'),
  );
  t.throws(
    () => parseConfig(['--history-days', '731'], {}, NOW),
    new ConfigError('invalid --history-days (EM_MOCK_HISTORY_DAYS) value "731": must be between 1 and 730'),
  );
  t.throws(
    () => parseConfig(['--roots-per-platform', '21'], {}, NOW),
    new ConfigError('invalid --roots-per-platform (EM_MOCK_ROOTS_PER_PLATFORM) value "21": must be between 1 and 20'),
  );
});

t.test('boolean flags: bare means true, or take the next argument as their value', async (t) => {
  t.equal(parseConfig(['--tls', '--port', '1'], {}, NOW).config.tls, true);
  t.equal(parseConfig(['--tls', '--port', '1'], {}, NOW).config.port, 1);
  t.equal(parseConfig(['--control', 'false'], {}, NOW).config.control, false);
  t.equal(parseConfig(['--control=no'], {}, NOW).config.control, false);
  t.equal(parseConfig(['--reproducible-tokens'], {}, NOW).config.reproducibleTokens, true);
  t.equal(parseConfig(['-h'], {}, NOW).help, true);
  t.throws(() => parseConfig(['--port', '1', 'stray'], {}, NOW), /^unknown option "stray" \(see --help\)$/);
  t.throws(() => parseConfig(['-x'], {}, NOW), /^unknown option "-x" \(see --help\)$/);
  t.throws(() => parseConfig(['--'], {}, NOW), /^unknown option "--" \(see --help\)$/);
});
