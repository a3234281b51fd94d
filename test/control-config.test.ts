import t from 'tap';
import { parseConfig, parseDuration, ConfigError } from '../src/config.js';

t.test('control-plane options: flags, environment, defaults, validation', async (t) => {
  const d = parseConfig([], {}).config;
  t.match(d, { control: true, controlToken: '', journalSize: 1000, dataFile: undefined, faultsFile: undefined });
  const c = parseConfig(['--control', '--journal-size=5', '--data', 'd.json', '--faults', 'f.json'], {
    EM_MOCK_CONTROL_TOKEN: 'tok',
  }).config;
  t.match(c, { control: true, controlToken: 'tok', journalSize: 5, dataFile: 'd.json', faultsFile: 'f.json' });
  t.equal(parseConfig([], { EM_MOCK_CONTROL: 'false' }).config.control, false);
  t.throws(
    () => parseConfig(['--journal-size', '-1'], {}),
    new ConfigError('invalid --journal-size (EM_MOCK_JOURNAL_SIZE) value "-1": must be between 0 and 1000000'),
  );
  t.throws(
    () => parseConfig(['--control-token', 'a b'], {}),
    new ConfigError('invalid --control-token (EM_MOCK_CONTROL_TOKEN) value "a b": must not contain white space'),
  );
  t.equal(parseDuration('31d'), 31 * 86_400_000);
});
