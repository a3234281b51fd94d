/**
 * Instants the mock accepts anywhere (clock, restore-session times, files, flags): wide enough for
 * any test, narrow enough that every date formats as a four-digit year and the generator's
 * 90 days of history and its schedules stay ordinary dates.
 */
export const MIN_INSTANT = Date.UTC(1980, 0, 1);
export const MAX_INSTANT = Date.UTC(2999, 11, 31, 23, 59, 59, 999);
export const INSTANT_RANGE = `between ${new Date(MIN_INSTANT).toISOString()} and ${new Date(MAX_INSTANT).toISOString()}`;

export function inInstantRange(ms: number): boolean {
  return Number.isFinite(ms) && ms >= MIN_INSTANT && ms <= MAX_INSTANT;
}

/**
 * The server's one source of time. It runs at real speed from a chosen start instant, or stands
 * still when frozen. Nothing else in the server reads the system time.
 */
export class Clock {
  private anchorSim: number;
  private anchorReal: number;
  private frozen = false;
  /** Called after every set, advance, freeze and unfreeze (the app bumps the store's epoch). */
  onMove: () => void = () => {};

  constructor(
    start: number,
    private readonly realNow: () => number = Date.now,
  ) {
    this.anchorSim = start;
    this.anchorReal = realNow();
  }

  now(): number {
    return this.frozen ? this.anchorSim : this.anchorSim + (this.realNow() - this.anchorReal);
  }

  get isFrozen(): boolean {
    return this.frozen;
  }

  /** Throws a RangeError outside the instant range (the library hands this clock to tests). */
  set(instant: number): void {
    if (!inInstantRange(instant)) {
      throw new RangeError(
        `clock: must be ${INSTANT_RANGE}, got ${Number.isFinite(instant) ? instant : String(instant)} ms`,
      );
    }
    this.anchorSim = instant;
    this.anchorReal = this.realNow();
    this.onMove();
  }

  advance(ms: number): void {
    this.set(this.now() + ms);
  }

  freeze(): void {
    const now = this.now();
    this.frozen = true;
    this.set(now);
  }

  unfreeze(): void {
    const now = this.now();
    this.frozen = false;
    this.set(now);
  }
}
