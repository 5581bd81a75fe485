import { PasswordHasher } from '@identity/security';
import { challenged, codeNow, login, otherCode, protectedWithTotp, refusedTimes, registered } from '../testing/account-flows';
import { anonymous, eventTypesOf, refusalOf, startUseCases, UseCases } from '../testing/account-use-cases';
import { CompleteLoginCommand } from '../complete-login/complete-login.command';
import { LoginCommand } from './login.command';

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

  it('records one refusal per second-factor lock and one summary of them all when the lock ends', async () => {
    const person = await registered(uc);
    const secret = await protectedWithTotp(uc, person);
    let challengeId = await challenged(uc, person);
    for (let i = 0; i < 5; i++) {
      if (i === 3) challengeId = await challenged(uc, person); // the first challenge took its 3 attempts
      await refusalOf(uc.commands.execute(new CompleteLoginCommand({ challengeId, code: otherCode(codeNow(uc, secret)) }, anonymous())));
    }
    const lockedAt = uc.clock.now().getTime();
    for (let i = 0; i < 30; i++) {
      uc.clock.advanceSeconds(10);
      expect((await refusalOf(login(uc, person))).code).toBe('ACCOUNT_LOCKED');
    }
    uc.clock.set(new Date(lockedAt + 900_000).toISOString());
    expect(await login(uc, person)).toMatchObject({ status: 'MFA_REQUIRED' });
    const recorded = await uc.store.readStream(`account-${person.accountId}`);
    expect(recorded.filter((e) => e.type === 'AttemptRejectedWhileLocked')).toHaveLength(1);
    const summary = recorded.find((e) => e.type === 'RejectedAttemptsSummarized');
    expect(summary?.data).toMatchObject({ count: 30, ips: ['203.0.113.7'] });
    expect(recorded.slice(-3).map((e) => e.type)).toEqual(['RejectedAttemptsSummarized', 'AccountUnlocked', 'MfaChallengeIssued']);
  });

  it('locks one client address only: another address logs on with the right password', async () => {
    const person = await registered(uc);
    await refusedTimes(5, () => login(uc, person, 'not the password'));
    const elsewhere = { principal: null, meta: { correlationId: 'c', ip: '198.51.100.20', userAgent: null } };
    expect(
      await uc.commands.execute(new LoginCommand({ loginName: person.loginName, password: person.password }, elsewhere)),
    ).toMatchObject({
      status: 'SUCCEEDED',
    });
  });

  it('locks an unknown login name at the same threshold, with the same answers and no argon2 once locked', async () => {
    const nobody = { loginName: 'nobody.here', password: 'whatever it is' };
    const answers = await refusedTimes(5, () => login(uc, nobody));
    expect(answers.map((a) => a.code)).toEqual([...Array(4).fill('INVALID_CREDENTIALS'), 'ACCOUNT_LOCKED']);
    expect(answers[4]).toEqual({ code: 'ACCOUNT_LOCKED', lockedUntil: '2026-03-02T09:15:10.000Z' });
    const verify = jest.spyOn(uc.get(PasswordHasher), 'verifyAgainstDummy');
    expect(await refusalOf(login(uc, nobody))).toEqual({ code: 'ACCOUNT_LOCKED', lockedUntil: '2026-03-02T09:15:10.000Z' });
    expect(verify).not.toHaveBeenCalled();
  });

  it('runs argon2 once per logon, also when parallel failures queue it behind them', async () => {
    const person = await registered(uc);
    const verify = jest.spyOn(uc.get(PasswordHasher), 'verify');
    const wrong = Array.from({ length: 4 }, () => refusalOf(login(uc, person, 'not the password')));
    const right = login(uc, person);
    await Promise.all(wrong);
    expect(await right).toMatchObject({ status: 'SUCCEEDED' });
    expect(verify).toHaveBeenCalledTimes(5);
  });
});
