import { VerificationChannelEnum, VerificationPurposeEnum } from '../../graphql/graphql-enums';
import { Person, registered } from '../testing/account-flows';
import { eventTypesOf, refusalOf, startUseCases, UseCases } from '../testing/account-use-cases';
import { RequestVerificationCommand } from './request-verification.command';

describe('requestVerification, in process', () => {
  let uc: UseCases;
  beforeEach(async () => {
    uc = await startUseCases();
  });
  afterEach(() => uc.close());

  const request = (person: Person, verifyBy: VerificationChannelEnum) =>
    uc.commands.execute(new RequestVerificationCommand({ verifyBy, purpose: VerificationPurposeEnum.ADD_AUTHENTICATOR }, person.context));

  it('records a verification for adding an authenticator and sends its code', async () => {
    const person = await registered(uc);
    const { verification } = await request(person, VerificationChannelEnum.SMS);
    expect(verification).toMatchObject({ channel: 'SMS', verificationId: expect.any(String) });
    expect(uc.delivery.sent).toEqual([expect.objectContaining({ channel: 'SMS', to: '+15550100200' })]);
    expect(await eventTypesOf(uc, person.accountId)).toEqual(['AccountRegistered', 'IdentityVerificationStarted']);
  });

  it('refuses to send by SMS without a phone number: BAD_USER_INPUT on verifyBy', async () => {
    const person = await registered(uc, { email: 'ada@example.test' });
    expect(await refusalOf(request(person, VerificationChannelEnum.SMS))).toEqual({ code: 'BAD_USER_INPUT', field: 'verifyBy' });
  });

  it('answers DELIVERY_FAILED when the code cannot be sent', async () => {
    const person = await registered(uc);
    uc.delivery.failing = true;
    expect(await refusalOf(request(person, VerificationChannelEnum.SMS))).toEqual({ code: 'DELIVERY_FAILED' });
  });
});
