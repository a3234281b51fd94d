import type { FastifyInstance } from 'fastify';

/** How long a graceful stop may take before open connections are cut. */
export const SHUTDOWN_GRACE_MS = 5_000;

/**
 * SIGTERM/SIGINT: stop accepting, end idle connections and delay faults, let in-flight answers
 * go out, then exit; connections still open after the grace period are cut. A second signal
 * exits at once.
 */
export function exitOnSignals(
  app: FastifyInstance,
  exit: (code: number) => void = process.exit,
  graceMs = SHUTDOWN_GRACE_MS,
): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return exit(signal === 'SIGINT' ? 130 : 143);
    stopping = true;
    const force = setTimeout(() => {
      app.server.closeAllConnections();
      exit(0);
    }, graceMs);
    force.unref();
    void app.close().then(() => {
      clearTimeout(force);
      exit(0);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
