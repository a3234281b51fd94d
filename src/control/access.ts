import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Config } from '../config.js';

/**
 * Who may use the control plane. On loopback it is open unless a token is given; anywhere else
 * (a container on 0.0.0.0) anyone who reaches the port could reset the mock, read the journal or
 * drop all traffic, so a token is required: the given one, else one made at start-up.
 */

/** True for addresses only this host can reach. */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h) || /^::ffff:127(?:\.\d{1,3}){3}$/.test(h);
}

/**
 * The token the control plane requires under `config`: the given one; a new random one when it is
 * served beyond loopback without one (`generated`); none (empty) otherwise.
 */
export function controlAccess(config: Pick<Config, 'control' | 'controlToken' | 'host'>): {
  token: string;
  generated: boolean;
} {
  if (!config.control || config.controlToken !== '' || isLoopback(config.host))
    return { token: config.controlToken, generated: false };
  return { token: randomBytes(24).toString('base64url'), generated: true };
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Compares in time independent of where (and whether) the two differ, length included. */
export function tokensEqual(given: string, wanted: string): boolean {
  return timingSafeEqual(digest(given), digest(wanted)) && given.length === wanted.length;
}
