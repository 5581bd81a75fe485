import { VerificationChannelEnum, VerificationMethodEnum } from '../../graphql/graphql-enums';
import { Person, registered, verifiedFor } from '../testing/account-flows';
import { refusalOf, startUseCases, UseCases } from '../testing/account-use-cases';
import { RequestProtectionDisableCommand } from './request-protection-disable.command';

describe('requestProtectionDisable, in process', () => {
  let uc: UseCases;
  beforeEach(async () => {
    uc = await startUseCases();
  });
  afterEach(() => uc.close());

  const request = (person: Person, verifyBy: VerificationChannelEnum) =>
    uc.commands.execute(new RequestProtectionDisableCommand({ verifyBy }, person.context));

  it('sends a code for turning protection off and answers where it went', async () => {
    const person = await registered(uc);
    await verifiedFor(uc, person, VerificationMethodEnum.SMS);
    const { verification } = await request(person, VerificationChannelEnum.EMAIL);
    expect(verification).toMatchObject({ channel: 'EMAIL', maskedDestination: expect.not.stringContaining('ada@') });
    expect(uc.delivery.sent.at(-1)).toMatchObject({ channel: 'EMAIL', to: 'ada@example.test', purpose: 'DISABLE_PROTECTION' });
  });

  it('refuses when protection is not on: BAD_USER_INPUT', async () => {
    const person = await registered(uc);
    expect(await refusalOf(request(person, VerificationChannelEnum.SMS))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('refuses to send by email without an email address: BAD_USER_INPUT on verifyBy', async () => {
    const person = await registered(uc, { phone: '+15550100200' });
    await verifiedFor(uc, person, VerificationMethodEnum.SMS);
    expect(await refusalOf(request(person, VerificationChannelEnum.EMAIL))).toEqual({ code: 'BAD_USER_INPUT', field: 'verifyBy' });
  });

  it('answers DELIVERY_FAILED when the code cannot be sent', async () => {
    const person = await registered(uc);
    await verifiedFor(uc, person, VerificationMethodEnum.SMS);
    uc.delivery.failing = true;
    expect(await refusalOf(request(person, VerificationChannelEnum.SMS))).toEqual({ code: 'DELIVERY_FAILED' });
  });
});
