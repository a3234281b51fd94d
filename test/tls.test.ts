import t from 'tap';
import { X509Certificate } from 'node:crypto';
import { writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from '../src/app.js';
import { ConfigError, defaultConfig, parseConfig } from '../src/config.js';
import { certificateNames, tlsEnabled, tlsKeyAndCert } from '../src/tls.js';
import { selfSigned } from '../src/selfSignedCert.js';
import { CLOCK_START } from './helper.js';

const NOW = Date.parse('2026-11-29T12:00:00Z');

t.test('TLS options: flags, switches and environment variables', async (t) => {
  t.equal(parseConfig([], {}).config.tls, false, 'off by default');
  t.equal(parseConfig(['--tls'], {}).config.tls, true, 'a bare --tls switches it on');
  t.equal(parseConfig(['--tls', '--port', '0'], {}).config.tls, true, 'a bare --tls before another flag');
  t.equal(parseConfig(['--tls=false'], { EM_MOCK_TLS: 'true' }).config.tls, false, 'the flag wins');
  t.equal(parseConfig([], { EM_MOCK_TLS: '1' }).config.tls, true);
  const files = parseConfig(['--tls-cert', '/c.pem'], { EM_MOCK_TLS_KEY: '/k.pem' }).config;
  t.same([files.tlsCert, files.tlsKey, files.tls], ['/c.pem', '/k.pem', false]);
  t.ok(tlsEnabled(files), 'naming a certificate implies HTTPS');
  t.notOk(tlsEnabled(defaultConfig()));
  t.throws(
    () => parseConfig(['--tls', 'maybe'], {}),
    new ConfigError('invalid --tls (EM_MOCK_TLS) value "maybe": expected true or false'),
  );
});

t.test('certificate names: localhost, loopback, bind host, public URL host, machine name, no wildcards', async (t) => {
  t.same(certificateNames(defaultConfig({ host: '0.0.0.0' }), 'box'), ['localhost', '127.0.0.1', '::1', 'box']);
  t.same(certificateNames(defaultConfig({ host: 'EM.Lab.Test', publicBaseUrl: 'https://[fd00::5]:9398' }), ''), [
    'localhost',
    '127.0.0.1',
    '::1',
    'em.lab.test',
    'fd00::5',
  ]);
  t.same(certificateNames(defaultConfig({ host: '::', publicBaseUrl: 'https://localhost:9398' }), 'localhost'), [
    'localhost',
    '127.0.0.1',
    '::1',
  ]);
});

t.test('self-signed certificate encoding', async (t) => {
  const names = [
    'a-very-long-host-name-to-push-the-extension-past-one-hundred-and-twenty-seven-bytes.example.test',
    '2001:db8:0:0:0:0:0:7',
    '10.1.2.3',
  ];
  const { key, cert } = selfSigned({ names, now: Date.parse('2049-12-31T00:00:00Z'), days: 2 });
  const x509 = new X509Certificate(cert);
  t.equal(x509.subject, `O=veeam-em-mock\nCN=${names[0]}`);
  t.equal(x509.subjectAltName, `DNS:${names[0]}, IP Address:2001:DB8:0:0:0:0:0:7, IP Address:10.1.2.3`);
  t.equal(x509.validFrom, 'Dec 30 00:00:00 2049 GMT', 'UTCTime before 2050');
  t.equal(x509.validTo, 'Jan  2 00:00:00 2050 GMT', 'GeneralizedTime from 2050');
  t.ok(x509.verify(x509.publicKey));
  t.match(key, /^-----BEGIN PRIVATE KEY-----\n/);
  t.match(
    cert,
    /^-----BEGIN CERTIFICATE-----\n([A-Za-z0-9+/=]{64}\n)+[A-Za-z0-9+/=]{1,64}\n-----END CERTIFICATE-----\n$/,
  );
  t.not(selfSigned({ names, now: NOW }).cert, cert, 'a fresh key and serial each time');
});

t.test("the user's own pair is served; bad files stop start-up naming the file", async (t) => {
  const dir = t.testdir({});
  const pair = selfSigned({ names: ['mine.example.test'], now: NOW });
  const other = selfSigned({ names: ['other.example.test'], now: NOW });
  const path = (n: string) => join(dir, n);
  writeFileSync(path('cert.pem'), pair.cert);
  writeFileSync(path('key.pem'), pair.key);
  writeFileSync(path('other-key.pem'), other.key);
  writeFileSync(path('junk.pem'), 'not a PEM file\n');
  writeFileSync(path('locked.pem'), pair.key);
  chmodSync(path('locked.pem'), 0o000);

  const config = (tlsCert: string | undefined, tlsKey: string | undefined) =>
    defaultConfig({ clockStart: CLOCK_START, restoreSessions: 1, tlsCert, tlsKey });

  t.same(tlsKeyAndCert(config(path('cert.pem'), path('key.pem')), NOW), pair, 'the files are used as they are');
  const app = await buildApp({ config: config(path('cert.pem'), path('key.pem')) });
  t.teardown(() => app.close());
  t.ok('setSecureContext' in app.server, 'an https server');

  const cases: [string | undefined, string | undefined, string][] = [
    [
      path('missing.pem'),
      path('key.pem'),
      `cannot read --tls-cert file ${JSON.stringify(path('missing.pem'))} (ENOENT)`,
    ],
    [
      path('cert.pem'),
      path('missing.pem'),
      `cannot read --tls-key file ${JSON.stringify(path('missing.pem'))} (ENOENT)`,
    ],
    [dir, path('key.pem'), `cannot read --tls-cert file ${JSON.stringify(dir)} (EISDIR)`],
    [
      path('junk.pem'),
      path('key.pem'),
      `--tls-cert file ${JSON.stringify(path('junk.pem'))} does not hold a PEM certificate`,
    ],
    [
      path('cert.pem'),
      path('junk.pem'),
      `--tls-key file ${JSON.stringify(path('junk.pem'))} does not hold an unencrypted PEM private key`,
    ],
    [
      path('cert.pem'),
      path('other-key.pem'),
      `--tls-key file ${JSON.stringify(path('other-key.pem'))} does not match the certificate in --tls-cert file ${JSON.stringify(path('cert.pem'))}`,
    ],
    [path('cert.pem'), undefined, '--tls-cert needs --tls-key too'],
    [undefined, path('key.pem'), '--tls-key needs --tls-cert too'],
  ];
  if (process.getuid?.() !== 0) {
    cases.push([
      path('cert.pem'),
      path('locked.pem'),
      `cannot read --tls-key file ${JSON.stringify(path('locked.pem'))} (EACCES)`,
    ]);
  }
  for (const [cert, key, message] of cases) {
    await t.rejects(buildApp({ config: config(cert, key) }), new ConfigError(message), message);
  }
});
