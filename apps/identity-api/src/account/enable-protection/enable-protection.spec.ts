import { ProtectionSceneEnum, VerificationChannelEnum, VerificationMethodEnum } from '../../graphql/graphql-enums';
import { Person, registered } from '../testing/account-flows';
import { personOf, refusalOf, startUseCases, UseCases } from '../testing/account-use-cases';
import { EnableProtectionCommand } from './enable-protection.command';

describe('enableProtection, in process', () => {
  let uc: UseCases;
  beforeEach(async () => {
    uc = await startUseCases();
  });
  afterEach(() => uc.close());

  const enable = (person: Pick<Person, 'context'>, method: VerificationMethodEnum, verifyBy: VerificationChannelEnum) =>
    uc.commands.execute(new EnableProtectionCommand({ scenes: [ProtectionSceneEnum.LOGON], method, verifyBy }, person.context));

  it('sends a code to the phone and answers where it went, masked', async () => {
    const person = await registered(uc);
    const { verification } = await enable(person, VerificationMethodEnum.TOTP, VerificationChannelEnum.SMS);
    expect(verification).toMatchObject({ channel: 'SMS', maskedDestination: expect.not.stringContaining('0100200') });
    expect(uc.delivery.sent).toEqual([expect.objectContaining({ channel: 'SMS', to: '+15550100200', purpose: 'IDENTITY_VERIFICATION' })]);
  });

  it('refuses to send by SMS without a phone number: BAD_USER_INPUT on verifyBy', async () => {
    const person = await registered(uc, { email: 'ada@example.test' });
    expect(await refusalOf(enable(person, VerificationMethodEnum.TOTP, VerificationChannelEnum.SMS))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'verifyBy',
    });
  });

  it('refuses EMAIL protection without an email address: BAD_USER_INPUT on method', async () => {
    const person = await registered(uc, { phone: '+15550100200' });
    expect(await refusalOf(enable(person, VerificationMethodEnum.EMAIL, VerificationChannelEnum.SMS))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'method',
    });
  });

  it('answers DELIVERY_FAILED when the code cannot be sent', async () => {
    const person = await registered(uc);
    uc.delivery.failing = true;
    expect(await refusalOf(enable(person, VerificationMethodEnum.TOTP, VerificationChannelEnum.SMS))).toEqual({ code: 'DELIVERY_FAILED' });
  });

  it('answers UNAUTHENTICATED for a session whose account does not exist', async () => {
    const ghost = { context: personOf('00000000-0000-4000-8000-000000000000') };
    expect(await refusalOf(enable(ghost, VerificationMethodEnum.TOTP, VerificationChannelEnum.SMS))).toEqual({ code: 'UNAUTHENTICATED' });
  });
});
