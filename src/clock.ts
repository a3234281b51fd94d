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

  set(instant: number): void {
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
