import { codeForStep, decodeBase32, hotp, timeStepAt, TOTP_PERIOD_SECONDS, TotpAuthenticator, wrongCodeFor } from './totp';

// RFC 6238 appendix B, SHA1 rows: the ASCII seed "12345678901234567890", 8-digit codes; an
// authenticator with 6 digits shows the last 6 of them.
const RFC_SEED_BASE32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const RFC6238_SHA1: Array<[unixSeconds: number, eightDigits: string]> = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('the e2e suites’ own TOTP implementation', () => {
  it('decodes RFC 4648 base32 (any case, padding ignored)', () => {
    expect(decodeBase32(RFC_SEED_BASE32).toString('ascii')).toBe('12345678901234567890');
    expect(decodeBase32('mzxw6ytboi======').toString('ascii')).toBe('foobar');
    expect(() => decodeBase32('not base32!')).toThrow();
  });

  it.each(RFC6238_SHA1)('matches the RFC 6238 SHA1 vector at T=%i', (unixSeconds, eightDigits) => {
    const step = timeStepAt(unixSeconds * 1000);
    expect(codeForStep(RFC_SEED_BASE32, step)).toBe(eightDigits.slice(-6));
    expect(hotp(decodeBase32(RFC_SEED_BASE32), step, 8)).toBe(eightDigits);
  });

  it('hands out codes of strictly increasing steps and a wrong code that matches none nearby', async () => {
    const device = new TotpAuthenticator(RFC_SEED_BASE32);
    const first = await device.nextCode();
    const firstStep = device.lastUsedStep ?? -1;
    const second = await device.nextCode();
    expect(device.lastUsedStep).toBe(firstStep + 1);
    expect(first).toBe(codeForStep(RFC_SEED_BASE32, firstStep));
    expect(second).toBe(codeForStep(RFC_SEED_BASE32, firstStep + 1));
    expect(device.lastCode()).toBe(second);
    const wrong = wrongCodeFor(RFC_SEED_BASE32);
    for (let step = firstStep - 2; step <= firstStep + 3; step++) expect(codeForStep(RFC_SEED_BASE32, step)).not.toBe(wrong);
  });
  describe('steps handed out, with the clock held', () => {
    const STEP = 59_000_000;
    const at = (secondsIntoStep: number) => (STEP * TOTP_PERIOD_SECONDS + secondsIntoStep) * 1000;
    afterEach(() => jest.useRealTimers());

    it('early in a step: the previous, the current and the next step, three codes without a wait', async () => {
      jest.useFakeTimers({ now: at(5) });
      const device = new TotpAuthenticator(RFC_SEED_BASE32);
      const steps: (number | null)[] = [];
      for (let i = 0; i < 3; i++) {
        await device.nextCode();
        steps.push(device.lastUsedStep);
      }
      expect(steps).toEqual([STEP - 1, STEP, STEP + 1]);
      expect(device.lastCode()).toBe(codeForStep(RFC_SEED_BASE32, STEP + 1));
    });

    it('late in a step: not the previous step, whose code would expire before the server sees it', async () => {
      jest.useFakeTimers({ now: at(TOTP_PERIOD_SECONDS - 5) });
      const device = new TotpAuthenticator(RFC_SEED_BASE32);
      await device.nextCode();
      expect(device.lastUsedStep).toBe(STEP);
    });

    it('a fourth code waits for the clock to reach the step before it', async () => {
      jest.useFakeTimers({ now: at(5) });
      const device = new TotpAuthenticator(RFC_SEED_BASE32);
      for (let i = 0; i < 3; i++) await device.nextCode();
      let fourth: string | null = null;
      const pending = device.nextCode().then((code) => (fourth = code));
      await jest.advanceTimersByTimeAsync(20_000);
      expect(fourth).toBeNull();
      await jest.advanceTimersByTimeAsync(10_000);
      await pending;
      expect(device.lastUsedStep).toBe(STEP + 2);
      expect(fourth).toBe(codeForStep(RFC_SEED_BASE32, STEP + 2));
    });
  });
});
