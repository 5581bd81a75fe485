import { generateSync, generateURI, verifySync } from 'otplib';
import { hotpCodeForStep, totpCodeAt, totpStepAt } from './totp-code.generator';
import { matchTotpStep } from './totp-step.matcher';
import { generateTotpSecret, totpKeyUri } from './totp-secret.generator';

/**
 * The library computes codes with otplib's Node.js crypto plugin from key bytes it decoded once, and
 * does its own step arithmetic (the RFC vectors in totp.spec.ts are the oracle). otplib in its
 * default configuration (its JavaScript HMAC, base32 text decoded on every call) checks it here: the
 * codes, the base32 secrets it accepts and refuses, the instant-to-step conversion, the window of
 * steps matchTotpStep accepts and the step it reports, and the key URI written without otplib's
 * generateURI.
 */
describe('TOTP agrees with otplib v13 where the library does its own arithmetic', () => {
  const secret = generateTotpSecret();
  const instants = [0, 29, 30, 59, 1_111_111_109, 1_700_000_010, 1_700_000_039, 2_000_000_000, 20_000_000_000];

  it('finds the same step for an instant as otplib TOTP (codes equal at every instant)', () => {
    expect(instants.map((epoch) => totpCodeAt(secret, new Date(epoch * 1000)))).toEqual(
      instants.map((epoch) => generateSync({ secret, epoch })),
    );
    expect(totpStepAt(new Date(1_700_000_039_999))).toBe(Math.floor(1_700_000_039 / 30));
  });

  it("computes otplib's HOTP code for every step of fresh secrets, and refuses the secrets otplib refuses", () => {
    const rfc = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    const accepted = [secret, generateTotpSecret(), rfc.toLowerCase(), rfc.slice(0, 26), `${rfc.slice(0, 26)}======`];
    for (const fresh of accepted) {
      for (const counter of [0, 1, 2, 59, 1_000_000, 56_666_667, 2 ** 31, 2 ** 32 + 5, 666_666_666]) {
        expect(hotpCodeForStep(fresh, counter)).toBe(generateSync({ strategy: 'hotp', secret: fresh, counter, algorithm: 'sha1' }));
      }
    }
    const refused = ['JBSWY3DPEHPK3PXP', 'not base32!', 'JBSWY3DPEHPK3PX1JBSWY3DPEHPK3PXP', `${rfc}========`];
    for (const tail of ['A', '3=====', '3T', '3TQOJQG']) refused.push(`${rfc.slice(0, 26)}${tail}`);
    for (const secretText of refused) {
      expect(() => generateSync({ strategy: 'hotp', secret: secretText, counter: 1 })).toThrow();
      expect(() => hotpCodeForStep(secretText, 1)).toThrow();
    }
  });

  it('accepts exactly the steps otplib accepts with a one-period tolerance, and reports the same step', () => {
    for (const epoch of [1_700_000_010, 1_700_000_029, 1_700_000_030, 45]) {
      const step = Math.floor(epoch / 30);
      for (const codeStep of [step - 2, step - 1, step, step + 1, step + 2].filter((s) => s >= 0)) {
        const code = totpCodeAt(secret, new Date(codeStep * 30_000));
        const otplib = verifySync({ secret, token: code, epoch, epochTolerance: 30 });
        const expected = otplib.valid ? step + otplib.delta : null;
        expect({ epoch, codeStep, matched: matchTotpStep({ secret, code, at: new Date(epoch * 1000) }) }).toEqual({
          epoch,
          codeStep,
          matched: expected,
        });
      }
    }
  });

  it("writes otplib's key URI with the default parameters spelled out, when issuer and label have no colon", () => {
    const uri = totpKeyUri({ secret, accountLabel: 'alice smith@example.com', issuer: 'Acme Id' });
    expect(uri).toBe(`${generateURI({ secret, label: 'alice smith@example.com', issuer: 'Acme Id' })}&algorithm=SHA1&digits=6&period=30`);
  });
});
