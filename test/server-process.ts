import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { PATIENCE_MS } from './patience.js';

/**
 * The CLI as tsc emits it (one file per module, each mapped to its source): the coverage of a
 * started server lands on the sources exactly. The bundle users run, `BUNDLED_CLI`, is the same
 * code (test/bundle.test.ts starts it); mapped back through esbuild, its coverage would not.
 */
export const CLI = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));
export const BUNDLED_CLI = fileURLToPath(new URL('../dist/bin/cli.js', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  ready: { url: string; port: number; pid: number; seed: number; clock: string; control: string | null };
  /** Asks the server to stop (SIGTERM) and resolves once it has exited; SIGKILL after a grace period. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** The script to run instead of the built CLI (tests of this helper, or the TypeScript source). */
  cli?: string;
  /** Node options before the script (the TypeScript loader). */
  nodeArgs?: string[];
  /** How long to wait for the ready line. */
  readyMs?: number;
  /** How long a stopped process may take before it is killed. */
  graceMs?: number;
}

/** A start that failed; `pid` is the process that was started, which has exited by now. */
export class StartError extends Error {
  constructor(
    message: string,
    readonly pid: number | undefined,
  ) {
    super(message);
  }
}

// The server's own shutdown grace is 5 s; this is beyond it.
const GRACE_MS = 10_000;

// Started and not yet closed. The last resort when the test process ends without its teardown
// (tap's timeout): nothing it started survives it.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * SIGTERM, then SIGKILL if it has not exited within `graceMs`; resolves once it has exited and its
 * output has been read.
 */
function terminate(child: ChildProcess, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (!running.has(child)) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts the built CLI on a free port and waits for its machine-readable ready line. A start that
 * does not reach it (exit, timeout, a line that is not the ready line) rejects with a StartError
 * holding the process's stderr, once the process is gone.
 */
export async function startServer(
  args: string[] = [],
  env: NodeJS.ProcessEnv = {},
  options: StartOptions = {},
): Promise<ServerProcess> {
  const { cli = CLI, nodeArgs = [], readyMs = PATIENCE_MS, graceMs = GRACE_MS } = options;
  const child = spawn(process.execPath, [...nodeArgs, cli, '--port', '0', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('close', () => running.delete(child));
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const failed = async (why: string): Promise<never> => {
    await terminate(child, graceMs);
    throw new StartError(`${why}: ${stderr}`, child.pid);
  };
  const ready = await new Promise<ServerProcess['ready'] | string>((resolve) => {
    const timer = setTimeout(() => resolve(`no ready line within ${readyMs} ms`), readyMs);
    // 'close', not 'exit': by then all of stderr has been read.
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve(`server exited with ${code ?? signal}`);
    });
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(line) as ServerProcess['ready']);
      } catch {
        resolve(`the first line is not the JSON ready line: ${JSON.stringify(line.slice(0, 200))}`);
      }
    });
  });
  if (typeof ready === 'string') return failed(ready);
  return { child, ready, stop: () => terminate(child, graceMs) };
}
