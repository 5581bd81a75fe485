import { totpCodeAt } from '@identity/security';
import { AccountCommandRunner } from '../account-command-runner';
import { BindTotpCommand } from '../bind-totp/bind-totp.command';
import { ResyncTotpCommand } from '../resync-totp/resync-totp.command';
import { codeNow, enrolled, registered } from '../testing/account-flows';
import { startUseCases, UseCases } from '../testing/account-use-cases';
import { SecondFactorProofs } from './second-factor-proofs';

describe('SecondFactorProofs, the piece completeLogin and stepUp share', () => {
  let uc: UseCases;
  beforeEach(async () => {
    uc = await startUseCases();
  });
  afterEach(() => uc.close());

  async function bound() {
    const person = await registered(uc);
    const { enrollmentId, secret } = await enrolled(uc, person);
    const { recoveryCodes } = await uc.commands.execute(new BindTotpCommand({ enrollmentId, code: codeNow(uc, secret) }, person.context));
    const state = () => uc.get(AccountCommandRunner).load(person.accountId);
    return { person, enrollmentId, secret, recoveryCodes, state };
  }
  const at = (uc: UseCases, steps: number) => new Date(uc.clock.now().getTime() + steps * 30_000);

  it('turns a recovery code into the index it matches, and nothing else into one', async () => {
    const { person, recoveryCodes, state } = await bound();
    const proofs = uc.get(SecondFactorProofs);
    const now = uc.clock.now().toISOString();
    const setId = (await state()).recoveryCodes?.setId;
    expect(proofs.proofOf(person.accountId, await state(), recoveryCodes[6] ?? '', now)).toEqual({
      kind: 'RECOVERY_CODE',
      match: { setId, index: 6 },
    });
    expect(proofs.proofOf(person.accountId, await state(), 'zzzzz-zzzzz', now)).toEqual({ kind: 'RECOVERY_CODE', match: null });
    expect(proofs.proofOf(person.accountId, await state(), recoveryCodes[6] ?? '', now, 'TOTP_ONLY')).toBeNull();
  });

  it('turns a TOTP code into the authenticator and step, with its recorded drift', async () => {
    const { person, enrollmentId, secret, state } = await bound();
    const proofs = uc.get(SecondFactorProofs);
    const now = uc.clock.now().toISOString();
    const ahead = (steps: number) => totpCodeAt(secret, at(uc, steps));
    const step = Math.floor(uc.clock.now().getTime() / 30_000);
    expect(proofs.proofOf(person.accountId, await state(), ahead(1), now)).toEqual({
      kind: 'TOTP',
      authenticatorId: enrollmentId,
      timeStep: step + 1,
    });
    expect(proofs.proofOf(person.accountId, await state(), ahead(5), now)).toBeNull();
    await uc.commands.execute(new ResyncTotpCommand({ authenticatorId: enrollmentId, code1: ahead(3), code2: ahead(4) }, person.context));
    expect((await state()).authenticators[enrollmentId]?.driftSteps).toBe(4);
    expect(proofs.proofOf(person.accountId, await state(), ahead(5), now)).toEqual({
      kind: 'TOTP',
      authenticatorId: enrollmentId,
      timeStep: step + 5,
    });
  });
});
