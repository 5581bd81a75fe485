import { ProtectionSceneEnum, VerificationChannelEnum, VerificationMethodEnum } from '../../graphql/graphql-enums';
import { EnableProtectionCommand } from '../enable-protection/enable-protection.command';
import { RequestProtectionDisableCommand } from '../request-protection-disable/request-protection-disable.command';
import { otherCode, Person, refusedTimes, registered, verifiedFor } from '../testing/account-flows';
import { refusalOf, startUseCases, UseCases } from '../testing/account-use-cases';
import { VerifyIdentityCommand } from './verify-identity.command';

describe('verifyIdentity, in process', () => {
  let uc: UseCases;
  afterEach(() => uc.close());

  const start = async (person: Person, method = VerificationMethodEnum.SMS) =>
    (
      await uc.commands.execute(
        new EnableProtectionCommand({ scenes: [ProtectionSceneEnum.LOGON], method, verifyBy: VerificationChannelEnum.SMS }, person.context),
      )
    ).verification.verificationId;
  const verify = (person: Person, verificationId: string, code: string) =>
    uc.commands.execute(new VerifyIdentityCommand({ verificationId, code }, person.context));

  describe('with the default policy', () => {
    beforeEach(async () => {
      uc = await startUseCases();
    });

    it('turns SMS protection on, and the payload shows it at once', async () => {
      const person = await registered(uc);
      const verificationId = await start(person);
      const answer = await verify(person, verificationId, uc.delivery.lastCode('IDENTITY_VERIFICATION'));
      expect(answer).toMatchObject({
        verified: true,
        security: { protectionEnabled: true, method: 'SMS', scenes: ['LOGON'], authenticators: [] },
      });
    });

    it('refuses a wrong code: INVALID_CODE', async () => {
      const person = await registered(uc);
      const verificationId = await start(person);
      expect(await refusalOf(verify(person, verificationId, otherCode(uc.delivery.lastCode('IDENTITY_VERIFICATION'))))).toEqual({
        code: 'INVALID_CODE',
      });
    });

    it('refuses a verification id that was never started: INVALID_CODE', async () => {
      const person = await registered(uc);
      expect(await refusalOf(verify(person, 'no-such-verification', '123456'))).toEqual({ code: 'INVALID_CODE' });
    });

    it('refuses an expired code: INVALID_CODE', async () => {
      const person = await registered(uc);
      const verificationId = await start(person);
      uc.clock.advanceSeconds(301);
      expect(await refusalOf(verify(person, verificationId, uc.delivery.lastCode('IDENTITY_VERIFICATION')))).toEqual({
        code: 'INVALID_CODE',
      });
    });

    it('refuses the code of a verification for turning protection off: INVALID_CODE', async () => {
      const person = await registered(uc);
      await verifiedFor(uc, person, VerificationMethodEnum.SMS);
      const { verification } = await uc.commands.execute(
        new RequestProtectionDisableCommand({ verifyBy: VerificationChannelEnum.SMS }, person.context),
      );
      expect(await refusalOf(verify(person, verification.verificationId, uc.delivery.lastCode('DISABLE_PROTECTION')))).toEqual({
        code: 'INVALID_CODE',
      });
    });

    it('locks the account after repeated wrong codes: ACCOUNT_LOCKED', async () => {
      const person = await registered(uc);
      const verificationId = await start(person);
      const wrong = otherCode(uc.delivery.lastCode('IDENTITY_VERIFICATION'));
      const answers = await refusedTimes(5, () => verify(person, verificationId, wrong));
      expect(answers.map((a) => a.code)).toEqual([...Array(4).fill('INVALID_CODE'), 'ACCOUNT_LOCKED']);
    });
  });

  it('refuses even the right code once a verification has used up its attempts: INVALID_CODE', async () => {
    uc = await startUseCases({ lockoutThreshold: 20 });
    const person = await registered(uc);
    const verificationId = await start(person);
    const code = uc.delivery.lastCode('IDENTITY_VERIFICATION');
    await refusedTimes(5, () => verify(person, verificationId, otherCode(code)));
    expect(await refusalOf(verify(person, verificationId, code))).toEqual({ code: 'INVALID_CODE' });
  });
});
