/**
 * The key and certificate HTTPS is served with: the user's own pair, checked before anything
 * listens, or a self-signed one made at start-up for the names clients may use.
 */
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { ConfigError, OPTIONS, isWildcardHost, type Config } from './config.js';
import { selfSigned, type KeyAndCert } from './selfSignedCert.js';

export type { KeyAndCert } from './selfSignedCert.js';

/** HTTPS is on when asked for, or when the user names a certificate or key file. */
export function tlsEnabled(config: Config): boolean {
  return config.tls || config.tlsCert !== undefined || config.tlsKey !== undefined;
}

/** localhost, the loopback addresses and every host name the configuration mentions. */
export function certificateNames(config: Config, machineName = hostname()): string[] {
  const names = ['localhost', '127.0.0.1', '::1'];
  if (!isWildcardHost(config.host)) names.push(config.host.replace(/^\[(.*)\]$/, '$1'));
  if (config.publicBaseUrl) names.push(new URL(config.publicBaseUrl).hostname.replace(/^\[(.*)\]$/, '$1'));
  if (machineName) names.push(machineName);
  return [...new Set(names.map((n) => n.toLowerCase()))];
}

function describe(key: 'tlsCert' | 'tlsKey', path: string): string {
  return `${OPTIONS[key].flag} file ${JSON.stringify(path)}`;
}

function readPem(key: 'tlsCert' | 'tlsKey', path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new ConfigError(`cannot read ${describe(key, path)} (${code})`);
  }
}

/** Reads and checks the user's pair: each file must parse, and the key must match the certificate. */
export function loadKeyAndCert(certPath: string, keyPath: string): KeyAndCert {
  const cert = readPem('tlsCert', certPath);
  const key = readPem('tlsKey', keyPath);
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch {
    throw new ConfigError(`${describe('tlsCert', certPath)} does not hold a PEM certificate`);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    throw new ConfigError(`${describe('tlsKey', keyPath)} does not hold an unencrypted PEM private key`);
  }
  if (!x509.checkPrivateKey(privateKey)) {
    throw new ConfigError(
      `${describe('tlsKey', keyPath)} does not match the certificate in ${describe('tlsCert', certPath)}`,
    );
  }
  return { key, cert };
}

/** The pair to serve HTTPS with, or undefined for plain HTTP. `now` is real wall time. */
export function tlsKeyAndCert(config: Config, now: number): KeyAndCert | undefined {
  if (!tlsEnabled(config)) return undefined;
  const { tlsCert, tlsKey } = config;
  if (tlsCert === undefined && tlsKey === undefined) return selfSigned({ names: certificateNames(config), now });
  if (tlsCert === undefined) throw new ConfigError(`${OPTIONS.tlsKey.flag} needs ${OPTIONS.tlsCert.flag} too`);
  if (tlsKey === undefined) throw new ConfigError(`${OPTIONS.tlsCert.flag} needs ${OPTIONS.tlsKey.flag} too`);
  return loadKeyAndCert(tlsCert, tlsKey);
}
