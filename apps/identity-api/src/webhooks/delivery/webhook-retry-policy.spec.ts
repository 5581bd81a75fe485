import { retryDelayMs } from './webhook-retry-policy';

const settings = { retryBaseMs: 1000, retryMaxMs: 60_000 };

describe('retryDelayMs', () => {
  it('doubles with each failure, between half and all of the exponential step', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, settings, null, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, settings, null, () => 1))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('never waits longer than the cap', () => {
    expect(retryDelayMs(50, settings, null, () => 1)).toBe(60_000);
    expect(retryDelayMs(50, settings, null, () => 0)).toBe(30_000);
  });

  it('honours Retry-After within the cap', () => {
    expect(retryDelayMs(1, settings, 10_000, () => 0)).toBe(10_000);
    expect(retryDelayMs(1, settings, 3_600_000, () => 0)).toBe(60_000);
  });
});
