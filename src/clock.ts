/**
 * The server's one source of time. It runs at real speed from a chosen start instant, or stands
 * still when frozen. Nothing else in the server reads the system time.
 */
export class Clock {
  private anchorSim: number;
  private anchorReal: number;
  private frozen = false;

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
  }

  advance(ms: number): void {
    this.set(this.now() + ms);
  }

  freeze(): void {
    this.set(this.now());
    this.frozen = true;
  }

  unfreeze(): void {
    this.set(this.now());
    this.frozen = false;
  }
}
