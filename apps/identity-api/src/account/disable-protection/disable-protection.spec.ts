import { VerificationChannelEnum, VerificationMethodEnum } from '../../graphql/graphql-enums';
import { RequestProtectionDisableCommand } from '../request-protection-disable/request-protection-disable.command';
import { codeNow, login, otherCode, Person, protectedWithTotp, refusedTimes, registered, verifiedFor } from '../testing/account-flows';
import { refusalOf, startUseCases, UseCases } from '../testing/account-use-cases';
import { DisableProtectionCommand } from './disable-protection.command';

describe('disableProtection, in process', () => {
  let uc: UseCases;
  beforeEach(async () => {
    uc = await startUseCases();
  });
  afterEach(() => uc.close());

  async function askedToDisable(person: Person): Promise<{ verificationId: string; code: string }> {
    const { verification } = await uc.commands.execute(
      new RequestProtectionDisableCommand({ verifyBy: VerificationChannelEnum.SMS }, person.context),
    );
    return { verificationId: verification.verificationId, code: uc.delivery.lastCode('DISABLE_PROTECTION') };
  }
  const disable = (person: Person, verificationId: string, code: string, totpCode: string | null = null) =>
    uc.commands.execute(new DisableProtectionCommand({ verificationId, code, totpCode }, person.context));

  it('turns TOTP protection off with the SMS code and a TOTP code, unbinding the authenticator; login then needs no second factor', async () => {
    const person = await registered(uc);
    const secret = await protectedWithTotp(uc, person);
    const { verificationId, code } = await askedToDisable(person);
    const { security } = await disable(person, verificationId, code, codeNow(uc, secret));
    expect(security).toMatchObject({ protectionEnabled: false, method: null, totpBound: false, authenticators: [] });
    expect(await login(uc, person)).toMatchObject({ status: 'SUCCEEDED' });
  });

  it('refuses a wrong code: INVALID_CODE, and protection stays on', async () => {
    const person = await registered(uc);
    const secret = await protectedWithTotp(uc, person);
    const { verificationId, code } = await askedToDisable(person);
    expect(await refusalOf(disable(person, verificationId, otherCode(code), codeNow(uc, secret)))).toEqual({ code: 'INVALID_CODE' });
    expect(await login(uc, person)).toMatchObject({ status: 'MFA_REQUIRED' });
  });

  it('refuses the SMS code alone for TOTP protection (SECOND_FACTOR_REQUIRED), and a wrong TOTP code (INVALID_CODE)', async () => {
    const person = await registered(uc);
    const secret = await protectedWithTotp(uc, person);
    const { verificationId, code } = await askedToDisable(person);
    await expect(disable(person, verificationId, code)).rejects.toMatchObject({ code: 'SECOND_FACTOR_REQUIRED' });
    expect(await refusalOf(disable(person, verificationId, code, otherCode(codeNow(uc, secret))))).toEqual({ code: 'INVALID_CODE' });
    expect(await login(uc, person)).toMatchObject({ status: 'MFA_REQUIRED' });
    const { security } = await disable(person, verificationId, code, codeNow(uc, secret));
    expect(security).toMatchObject({ protectionEnabled: false });
  });

  it('refuses the code of the verification that turned protection on: INVALID_CODE', async () => {
    const person = await registered(uc);
    const verificationId = await verifiedFor(uc, person, VerificationMethodEnum.SMS);
    expect(await refusalOf(disable(person, verificationId, uc.delivery.lastCode('IDENTITY_VERIFICATION')))).toEqual({
      code: 'INVALID_CODE',
    });
  });

  it('refuses an expired code: INVALID_CODE', async () => {
    const person = await registered(uc);
    await verifiedFor(uc, person, VerificationMethodEnum.SMS);
    const { verificationId, code } = await askedToDisable(person);
    uc.clock.advanceSeconds(301);
    expect(await refusalOf(disable(person, verificationId, code))).toEqual({ code: 'INVALID_CODE' });
  });

  it('locks the account after repeated wrong codes: ACCOUNT_LOCKED', async () => {
    const person = await registered(uc);
    await verifiedFor(uc, person, VerificationMethodEnum.SMS);
    const { verificationId, code } = await askedToDisable(person);
    const answers = await refusedTimes(5, () => disable(person, verificationId, otherCode(code)));
    expect(answers.map((a) => a.code)).toEqual([...Array(4).fill('INVALID_CODE'), 'ACCOUNT_LOCKED']);
    expect((await refusalOf(disable(person, verificationId, code))).code).toBe('ACCOUNT_LOCKED');
  });
});
