import { PasswordHasher } from '@identity/security';
import { login, protectedWithTotp, refusedTimes, registered } from '../testing/account-flows';
import { eventTypesOf, refusalOf, startUseCases, UseCases } from '../testing/account-use-cases';

describe('login, in process', () => {
  let uc: UseCases;
  beforeEach(async () => {
    uc = await startUseCases();
  });
  afterEach(() => uc.close());

  it('answers a session when protection does not cover logon', async () => {
    const person = await registered(uc);
    expect(await login(uc, person)).toMatchObject({ status: 'SUCCEEDED', challenge: null, session: { accountId: person.accountId } });
  });

  it('answers a TOTP challenge when TOTP protection covers logon', async () => {
    const person = await registered(uc);
    await protectedWithTotp(uc, person);
    expect(await login(uc, person)).toMatchObject({ status: 'MFA_REQUIRED', session: null, challenge: { methods: ['TOTP'] } });
  });

  it('refuses a wrong password: INVALID_CREDENTIALS, recorded on the account', async () => {
    const person = await registered(uc);
    expect(await refusalOf(login(uc, person, 'not the password'))).toEqual({ code: 'INVALID_CREDENTIALS' });
    expect(await eventTypesOf(uc, person.accountId)).toEqual(['AccountRegistered', 'PasswordCheckFailed']);
  });

  it('refuses an unknown login name with the same answer', async () => {
    expect(await refusalOf(login(uc, { loginName: 'nobody.here', password: 'whatever it is' }))).toEqual({ code: 'INVALID_CREDENTIALS' });
  });

  it('locks the account at the threshold: ACCOUNT_LOCKED with lockedUntil', async () => {
    const person = await registered(uc);
    const answers = await refusedTimes(5, () => login(uc, person, 'not the password'));
    expect(answers.map((a) => a.code)).toEqual([...Array(4).fill('INVALID_CREDENTIALS'), 'ACCOUNT_LOCKED']);
    expect(answers[4]).toEqual({ code: 'ACCOUNT_LOCKED', lockedUntil: '2026-03-02T09:15:10.000Z' });
  });

  it('refuses the right password while locked, without checking it', async () => {
    const person = await registered(uc);
    await refusedTimes(5, () => login(uc, person, 'not the password'));
    const verify = jest.spyOn(uc.get(PasswordHasher), 'verify');
    expect(await refusalOf(login(uc, person))).toEqual({ code: 'ACCOUNT_LOCKED', lockedUntil: '2026-03-02T09:15:10.000Z' });
    expect(verify).not.toHaveBeenCalled();
  });

  it('records one refusal per lock and one summary of them all when the lock ends', async () => {
    const person = await registered(uc);
    await refusedTimes(5, () => login(uc, person, 'not the password'));
    for (let i = 0; i < 30; i++) {
      uc.clock.advanceSeconds(10);
      expect((await refusalOf(login(uc, person))).code).toBe('ACCOUNT_LOCKED');
    }
    uc.clock.set('2026-03-02T09:15:10.000Z');
    expect(await login(uc, person)).toMatchObject({ status: 'SUCCEEDED' });
    const recorded = await uc.store.readStream(`account-${person.accountId}`);
    expect(recorded.filter((e) => e.type === 'AttemptRejectedWhileLocked')).toHaveLength(1);
    const summary = recorded.find((e) => e.type === 'RejectedAttemptsSummarized');
    expect(summary?.data).toMatchObject({
      count: 30,
      firstAt: '2026-03-02T09:00:20.000Z',
      lastAt: '2026-03-02T09:05:10.000Z',
      ips: ['203.0.113.7'],
    });
    expect(recorded.slice(-3).map((e) => e.type)).toEqual(['RejectedAttemptsSummarized', 'AccountUnlocked', 'LoginSucceeded']);
  });
});
