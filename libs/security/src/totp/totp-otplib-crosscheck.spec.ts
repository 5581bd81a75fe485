import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { encodeBase32 } from './base32.codec';
import { totpCodeAt } from './totp-code.generator';
import { matchTotpStep } from './totp-step.matcher';
import { generateTotpSecret, totpKeyUri } from './totp-secret.generator';

interface OtplibAnswers { codes: string[]; steps: Array<number | false>; uriPrefix: string }

/**
 * otplib v13 needs ESM-only dependencies that Jest cannot load on Node 20, so it runs in a plain Node
 * child process (Node >= 20.19 loads them) and reports its codes, verified steps and URI as JSON.
 */
function askOtplib(input: { cases: Array<{ secret: string; epoch: number }>; verify: Array<{ secret: string; token: string; epoch: number }>; uri: { secret: string; label: string; issuer: string } }): OtplibAnswers {
  const script = `
    const otplib = require(${JSON.stringify(require.resolve('otplib'))});
    const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
    const codes = input.cases.map((c) => otplib.generateSync({ secret: c.secret, epoch: c.epoch }));
    const steps = input.verify.map((v) => {
      const r = otplib.verifySync({ secret: v.secret, token: v.token, epoch: v.epoch, epochTolerance: 30 });
      return r.valid ? r.timeStep : false;
    });
    process.stdout.write(JSON.stringify({ codes, steps, uriPrefix: otplib.generateURI(input.uri) }));`;
  const output = execFileSync(process.execPath, ['--no-warnings', '-e', script], { input: JSON.stringify(input), encoding: 'utf8' });
  return JSON.parse(output) as OtplibAnswers;
}

describe('TOTP cross-check against otplib v13', () => {
  const secrets = [generateTotpSecret(), generateTotpSecret(), encodeBase32(randomBytes(20))];
  const epochs = [59, 1_111_111_109, 1_700_000_015, 1_700_000_029, 1_700_000_030, 2_000_000_000];
  const cases = secrets.flatMap((secret) => epochs.map((epoch) => ({ secret, epoch })));
  const now = 1_700_000_015;
  const step = Math.floor(now / 30);
  const verify = [step - 1, step, step + 1].map((s) => ({ secret: secrets[0], token: totpCodeAt(secrets[0], new Date(s * 30_000)), epoch: now }));
  const uri = { secret: secrets[0], label: 'alice@example.com', issuer: 'Acme Id' };
  let otplib: OtplibAnswers;

  beforeAll(() => {
    otplib = askOtplib({ cases, verify, uri });
  });

  it('computes the same codes as otplib for the same secrets and times', () => {
    expect(cases.map((c) => totpCodeAt(c.secret, new Date(c.epoch * 1000)))).toEqual(otplib.codes);
  });

  it('returns the same time step that otplib verify reports', () => {
    expect(verify.map((v) => matchTotpStep({ secret: v.secret, code: v.token, at: new Date(now * 1000) }))).toEqual(otplib.steps);
    expect(otplib.steps).toEqual([step - 1, step, step + 1]);
  });

  it('writes a key URI that starts with the one otplib writes', () => {
    expect(totpKeyUri({ secret: uri.secret, accountLabel: uri.label, issuer: uri.issuer }).startsWith(`${otplib.uriPrefix}&`)).toBe(true);
  });
});
