#!/usr/bin/env node
/**
 * The container's HEALTHCHECK (no curl in a slim image): asks the mock running in the same
 * container for `/api/`, on the port and scheme it was configured with. Options come from the
 * environment and, when process 1 is the mock itself (a container), from its command line too.
 */
import { readFileSync } from 'node:fs';
import { isWildcardHost, parseConfig, type Config } from './config.js';
import { tlsEnabled } from './tls.js';
import { probe } from './probe.js';

/** The mock's own flags when `cmdline` (NUL-separated, as in /proc/1/cmdline) runs its CLI. */
export function mockArgs(cmdline: string): string[] {
  const argv = cmdline.split('\0').filter((a) => a !== '');
  const cli = argv.findIndex((a) => /(^|\/)(cli\.js|veeam-em-mock)$/.test(a));
  return cli < 0 ? [] : argv.slice(cli + 1);
}

/** Where the configured mock answers, from inside its own host or container. */
export function healthUrl(config: Config): string {
  const host = isWildcardHost(config.host)
    ? '127.0.0.1'
    : config.host.includes(':') && !config.host.startsWith('[')
      ? `[${config.host}]`
      : config.host;
  return `${tlsEnabled(config) ? 'https' : 'http'}://${host}:${config.port}/api/`;
}

export async function healthcheck(cmdline: string, env: NodeJS.ProcessEnv): Promise<string> {
  const { config } = parseConfig(mockArgs(cmdline), env);
  return probe(healthUrl(config), { timeoutMs: 3000 });
}

/* c8 ignore start -- the process entry; healthcheck() is what the tests call */
function pid1Cmdline(): string {
  try {
    return readFileSync('/proc/1/cmdline', 'utf8');
  } catch {
    return '';
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, '/'))) {
  healthcheck(pid1Cmdline(), process.env).then(
    (line) => process.stdout.write(`healthy: ${line}\n`),
    (err: unknown) => {
      process.stdout.write(`unhealthy: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
/* c8 ignore stop */
