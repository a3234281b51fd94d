/**
 * Work that may pause: a generator that yields wherever a long build (a whole estate) can let the
 * server answer other requests. The same steps run straight through at start-up and from the
 * library, or with a turn of the event loop at each pause when a request asked for them.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs the steps straight through. */
export function runNow<T>(steps: Steps<T>): T {
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}

/** Runs the steps, letting the event loop turn (I/O included) at each pause. */
export async function runYielding<T>(steps: Steps<T>): Promise<T> {
  let r = steps.next();
  while (!r.done) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    r = steps.next();
  }
  return r.value;
}

/**
 * Steps that run when first needed: straight through by `get()`, or earlier a step at a time by
 * `finish()` (both may share the work: a later `get()` only runs what is left). They run once.
 */
export class Deferred<T> {
  private result: { value: T } | undefined;

  constructor(private readonly steps: Steps<T>) {}

  get done(): boolean {
    return this.result !== undefined;
  }

  get(): T {
    return runNow(this.finish());
  }

  *finish(): Steps<T> {
    while (this.result === undefined) {
      const r = this.steps.next();
      if (r.done) this.result = { value: r.value };
      else yield;
    }
    return this.result.value;
  }
}

/** Runs the steps, each on a later turn of the event loop than the call, until they end or `stop` is aborted. */
export async function runInBackground(steps: Steps<void>, stop: AbortSignal): Promise<void> {
  do await new Promise<void>((resolve) => setImmediate(resolve));
  while (!stop.aborted && !steps.next().done);
}
