#!/usr/bin/env node
import { ConfigError, parseConfig, usage } from './config.js';
import { listen } from './server.js';

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseConfig(process.argv.slice(2), process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`veeam-em-mock: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  if (parsed.help) {
    process.stdout.write(`${usage()}\n`);
    return;
  }
  const { config } = parsed;
  const server = await listen({ config });
  // One machine-readable line once listening, so scripts wait on it instead of sleeping.
  process.stdout.write(
    `${JSON.stringify({
      url: server.url,
      port: server.port,
      pid: process.pid,
      seed: config.seed,
      clock: new Date(server.app.clock.now()).toISOString(),
    })}\n`,
  );
  const stop = () => {
    void server.app.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`veeam-em-mock: ${err instanceof Error ? err.message : String(err)}\n`);
  // Bad TLS files are found while building the app: a configuration error like any other.
  process.exit(err instanceof ConfigError ? 2 : 1);
});
