import { VerificationMethodEnum } from '../../graphql/graphql-enums';
import { challenged, codeNow, login, otherCode, protectedWithTotp, refusedTimes, registered, verifiedFor } from '../testing/account-flows';
import { anonymous, refusalOf, startUseCases, UseCases } from '../testing/account-use-cases';
import { CompleteLoginCommand } from './complete-login.command';

describe('completeLogin, in process', () => {
  let uc: UseCases;
  beforeEach(async () => {
    uc = await startUseCases();
  });
  afterEach(() => uc.close());

  const complete = (challengeId: string, code: string) => uc.commands.execute(new CompleteLoginCommand({ challengeId, code }, anonymous()));

  async function totpChallenge() {
    const person = await registered(uc);
    const secret = await protectedWithTotp(uc, person);
    return { person, secret, challengeId: await challenged(uc, person) };
  }

  it('answers a session for the code of the current step', async () => {
    const { person, secret, challengeId } = await totpChallenge();
    expect(await complete(challengeId, codeNow(uc, secret))).toMatchObject({
      status: 'SUCCEEDED',
      session: { accountId: person.accountId },
    });
  });

  it('refuses a challenge id that names no account: INVALID_CODE', async () => {
    expect(await refusalOf(complete('bm90LWEtY2hhbGxlbmdl', '123456'))).toEqual({ code: 'INVALID_CODE' });
  });

  it('refuses a wrong code: INVALID_CODE', async () => {
    const { secret, challengeId } = await totpChallenge();
    expect(await refusalOf(complete(challengeId, otherCode(codeNow(uc, secret))))).toEqual({ code: 'INVALID_CODE' });
  });

  it('refuses a code of a step already accepted: INVALID_CODE', async () => {
    const { person, secret, challengeId } = await totpChallenge();
    const code = codeNow(uc, secret);
    await complete(challengeId, code);
    expect(await refusalOf(complete(await challenged(uc, person), code))).toEqual({ code: 'INVALID_CODE' });
  });

  it('refuses a challenge used once already: INVALID_CODE', async () => {
    const { secret, challengeId } = await totpChallenge();
    await complete(challengeId, codeNow(uc, secret));
    uc.clock.advanceSeconds(30);
    expect(await refusalOf(complete(challengeId, codeNow(uc, secret)))).toEqual({ code: 'INVALID_CODE' });
  });

  it('refuses an expired challenge: INVALID_CODE', async () => {
    const { secret, challengeId } = await totpChallenge();
    uc.clock.advanceSeconds(301);
    expect(await refusalOf(complete(challengeId, codeNow(uc, secret)))).toEqual({ code: 'INVALID_CODE' });
  });

  it('locks the account after repeated wrong codes: ACCOUNT_LOCKED, also for the right code then', async () => {
    const { person, secret, challengeId } = await totpChallenge();
    const answers = await refusedTimes(5, () => complete(challengeId, otherCode(codeNow(uc, secret))));
    expect(answers.map((a) => a.code)).toEqual([...Array(4).fill('INVALID_CODE'), 'ACCOUNT_LOCKED']);
    expect((await refusalOf(complete(challengeId, codeNow(uc, secret)))).code).toBe('ACCOUNT_LOCKED');
    expect((await refusalOf(login(uc, person))).code).toBe('ACCOUNT_LOCKED');
  });

  it('takes the code sent by SMS for an SMS challenge, and refuses another', async () => {
    const person = await registered(uc);
    await verifiedFor(uc, person, VerificationMethodEnum.SMS);
    const challengeId = await challenged(uc, person);
    const sent = uc.delivery.lastCode('LOGIN');
    expect(await refusalOf(complete(challengeId, otherCode(sent)))).toEqual({ code: 'INVALID_CODE' });
    expect(await complete(challengeId, sent)).toMatchObject({ status: 'SUCCEEDED' });
  });
});
