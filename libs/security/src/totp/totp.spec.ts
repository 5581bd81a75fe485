import { hotpCodeForStep, totpCodeAt, totpStepAt } from './totp-code.generator';
import { matchConsecutiveTotpSteps, matchTotpStep } from './totp-step.matcher';
import { generateTotpSecret, totpKeyUri } from './totp-secret.generator';

const at = (unixSeconds: number) => new Date(unixSeconds * 1000);

describe('TOTP (RFC 6238, SHA1, 6 digits, 30 s)', () => {
  // RFC 6238 Appendix B, SHA1 rows; the key is the ASCII string "12345678901234567890".
  // The vectors are the oracle: no expected value here comes from otplib. The base32 form of the key is
  // written out (RFC 4648: "12345678901234567890" is GEZDGNBVGY3TQOJQ twice).
  const rfcKey = Buffer.from('12345678901234567890', 'ascii');
  const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
  const vectors: Array<[number, string]> = [
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ];

  it.each(vectors)('matches the RFC 6238 Appendix B vector at T=%i with 8 digits', (time, expected) => {
    expect(hotpCodeForStep(rfcKey, totpStepAt(at(time)), 8)).toBe(expected);
  });

  it.each(vectors)('gives the last 6 digits of the RFC vector at T=%i from the base32 secret', (time, expected) => {
    expect(totpCodeAt(rfcSecret, at(time))).toBe(expected.slice(2));
    expect(matchTotpStep({ secret: rfcSecret, code: expected.slice(2), at: at(time) })).toBe(Math.floor(time / 30));
  });

  describe('matchTotpStep', () => {
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'; // fixed, so the five codes below are known to differ
    const now = at(1_700_000_015);
    const step = Math.floor(1_700_000_015 / 30);
    const codeAtStep = (s: number) => totpCodeAt(secret, at(s * 30));

    it('returns the current step for the current code', () => {
      expect(matchTotpStep({ secret, code: codeAtStep(step), at: now })).toBe(step);
    });

    it('accepts the previous and the next step and returns which one matched', () => {
      expect(matchTotpStep({ secret, code: codeAtStep(step - 1), at: now })).toBe(step - 1);
      expect(matchTotpStep({ secret, code: codeAtStep(step + 1), at: now })).toBe(step + 1);
    });

    it('refuses codes two steps away', () => {
      const nearby = [step - 2, step - 1, step, step + 1, step + 2].map(codeAtStep);
      expect(new Set(nearby).size).toBe(5);
      expect(matchTotpStep({ secret, code: codeAtStep(step - 2), at: now })).toBeNull();
      expect(matchTotpStep({ secret, code: codeAtStep(step + 2), at: now })).toBeNull();
    });

    it('accepts two steps away only when the window is widened, and only the current step with window 0', () => {
      expect(matchTotpStep({ secret, code: codeAtStep(step - 2), at: now, window: 2 })).toBe(step - 2);
      expect(matchTotpStep({ secret, code: codeAtStep(step - 1), at: now, window: 0 })).toBeNull();
    });

    it('refuses codes that are not exactly six ASCII digits', () => {
      const code = codeAtStep(step);
      for (const bad of [code.slice(1), `${code}0`, ` ${code}`, `${code}\n`, '12345a', '', '١٢٣٤٥٦']) {
        expect(matchTotpStep({ secret, code: bad, at: now })).toBeNull();
      }
      expect(matchTotpStep({ secret, code: 123456 as unknown as string, at: now })).toBeNull();
    });

    it('rejects a window out of range', () => {
      expect(() => matchTotpStep({ secret, code: '123456', at: now, window: -1 })).toThrow(RangeError);
      expect(() => matchTotpStep({ secret, code: '123456', at: now, window: 1.5 })).toThrow(RangeError);
    });

    it('refuses a secret under 128 bits or not in base32 instead of checking codes against it', () => {
      expect(() => matchTotpStep({ secret: 'JBSWY3DPEHPK3PXP', code: '123456', at: now })).toThrow();
      expect(() => matchTotpStep({ secret: 'not base32!', code: '123456', at: now })).toThrow();
    });

    it('centres the window on the recorded drift of the authenticator', () => {
      expect(matchTotpStep({ secret, code: codeAtStep(step + 5), at: now })).toBeNull();
      expect(matchTotpStep({ secret, code: codeAtStep(step + 5), at: now, driftSteps: 5 })).toBe(step + 5);
      expect(matchTotpStep({ secret, code: codeAtStep(step + 4), at: now, driftSteps: 5 })).toBe(step + 4);
      expect(matchTotpStep({ secret, code: codeAtStep(step), at: now, driftSteps: 5 })).toBeNull();
      expect(matchTotpStep({ secret, code: codeAtStep(step - 3), at: now, driftSteps: -3 })).toBe(step - 3);
    });
  });

  describe('matchConsecutiveTotpSteps (resync, RFC 6238 section 6)', () => {
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const now = at(1_700_000_015);
    const step = Math.floor(1_700_000_015 / 30);
    const codeAtStep = (s: number) => totpCodeAt(secret, at(s * 30));
    const pair = (first: number, window = 10) =>
      matchConsecutiveTotpSteps({ secret, code1: codeAtStep(first), code2: codeAtStep(first + 1), at: now, window });

    it('finds two consecutive codes ahead or behind, and the drift of the second', () => {
      expect(pair(step + 4)).toEqual({ timeStep: step + 5, driftSteps: 5 });
      expect(pair(step - 8)).toEqual({ timeStep: step - 7, driftSteps: -7 });
      expect(pair(step - 1)).toEqual({ timeStep: step, driftSteps: 0 });
    });

    it('refuses codes out of order, not consecutive, or beyond the window', () => {
      expect(
        matchConsecutiveTotpSteps({ secret, code1: codeAtStep(step + 5), code2: codeAtStep(step + 4), at: now, window: 10 }),
      ).toBeNull();
      expect(
        matchConsecutiveTotpSteps({ secret, code1: codeAtStep(step + 2), code2: codeAtStep(step + 4), at: now, window: 10 }),
      ).toBeNull();
      expect(pair(step + 11)).toBeNull();
      expect(pair(step + 4, 3)).toBeNull();
      expect(() => pair(step, 11)).toThrow(RangeError);
    });
  });

  describe('generateTotpSecret', () => {
    it('is 160 random bits as unpadded RFC 4648 base32', () => {
      const secret = generateTotpSecret();
      expect(secret).toMatch(/^[A-Z2-7]{32}$/); // 32 characters of 5 bits: exactly 20 bytes
      expect(generateTotpSecret()).not.toBe(secret);
    });
  });

  describe('totpKeyUri', () => {
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

    it('writes the Key Uri Format with every parameter spelled out', () => {
      expect(totpKeyUri({ secret, accountLabel: 'alice', issuer: 'Acme' })).toBe(
        `otpauth://totp/Acme:alice?secret=${secret}&issuer=Acme&algorithm=SHA1&digits=6&period=30`,
      );
    });

    it('percent-encodes label and issuer, and parses back to the same values', () => {
      const uri = totpKeyUri({ secret, accountLabel: 'alice smith@example.com', issuer: 'Acme Id: Prod' });
      const parsed = new URL(uri);
      expect(uri.startsWith('otpauth://totp/Acme%20Id%3A%20Prod:alice%20smith%40example.com?')).toBe(true);
      expect(parsed.pathname.slice(1).split(':').map(decodeURIComponent)).toEqual(['Acme Id: Prod', 'alice smith@example.com']);
      expect(parsed.searchParams.get('issuer')).toBe('Acme Id: Prod');
      expect(parsed.searchParams.get('secret')).toBe(secret);
    });

    it('refuses a secret that is not base32', () => {
      expect(() => totpKeyUri({ secret: 'not base32!', accountLabel: 'a', issuer: 'b' })).toThrow(TypeError);
    });
  });
});
