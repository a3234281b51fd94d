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
