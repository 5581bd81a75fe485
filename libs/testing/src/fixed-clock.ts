/** A clock for tests: starts at a fixed instant and moves only when told. */
export class FixedClock {
  private current: number;
  constructor(start: string | Date = '2026-01-01T00:00:00.000Z') {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  advanceSeconds(seconds: number): void {
    this.current += seconds * 1000;
  }
  set(instant: string | Date): void {
    this.current = new Date(instant).getTime();
  }
}
