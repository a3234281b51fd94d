#!/usr/bin/env node
import { ConfigError, parseConfig, usage } from './config.js';
import { listen } from './server.js';
import { exitOnSignals } from './shutdown.js';
import { StartupFileError } from './control/jsonFile.js';

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
  const tokenGiven = config.controlToken !== '';
  let server;
  try {
    server = await listen({ config });
  } catch (err) {
    // A bad --data or --faults file: one line naming file, line and field.
    if (err instanceof StartupFileError) {
      process.stderr.write(`veeam-em-mock: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  // One machine-readable line once listening, so scripts wait on it instead of sleeping.
  process.stdout.write(
    `${JSON.stringify({
      url: server.url,
      port: server.port,
      pid: process.pid,
      seed: config.seed,
      clock: new Date(server.app.clock.now()).toISOString(),
      control: config.control ? new URL('/__mock', server.url).href : null,
      // Made at start-up because the control plane is reachable beyond loopback (see README).
      ...(config.controlToken !== '' && !tokenGiven ? { controlToken: config.controlToken } : {}),
    })}\n`,
  );
  if (config.controlToken !== '' && !tokenGiven) {
    process.stderr.write(
      `veeam-em-mock: listening on ${config.host}: the control plane needs "Authorization: Bearer ${config.controlToken}" (or give --control-token, or --control false)\n`,
    );
  }
  exitOnSignals(server.app);
}

main().catch((err: unknown) => {
  process.stderr.write(`veeam-em-mock: ${err instanceof Error ? err.message : String(err)}\n`);
  // Bad TLS files are found while building the app: a configuration error like any other.
  process.exit(err instanceof ConfigError ? 2 : 1);
});
