import { codeNow, enrolled, otherCode, Person, refusedTimes, registered } from '../testing/account-flows';
import { refusalOf, startUseCases, UseCases } from '../testing/account-use-cases';
import { BindTotpCommand } from './bind-totp.command';

describe('bindTotp, in process', () => {
  let uc: UseCases;
  beforeEach(async () => {
    uc = await startUseCases();
  });
  afterEach(() => uc.close());

  const bind = (person: Person, enrollmentId: string, code: string) =>
    uc.commands.execute(new BindTotpCommand({ enrollmentId, code }, person.context));

  it('binds with a code from the secret, and the payload shows protection on at once', async () => {
    const person = await registered(uc);
    const { enrollmentId, secret } = await enrolled(uc, person);
    const { security, recoveryCodes } = await bind(person, enrollmentId, codeNow(uc, secret));
    expect(security).toMatchObject({
      protectionEnabled: true,
      method: 'TOTP',
      totpBound: true,
      recoveryCodesRemaining: 10,
      authenticators: [{ id: enrollmentId, kind: 'TOTP', name: 'Authenticator', lastUsedAt: null, driftSteps: 0 }],
    });
    expect(recoveryCodes).toHaveLength(10);
    const stored = JSON.stringify((await uc.store.readStream(`account-${person.accountId}`)).map((e) => e.data));
    for (const code of recoveryCodes) expect(stored).not.toContain(code.replace('-', ''));
  });

  it('stores no recovery codes for a wrong code: the right one then shows a set', async () => {
    const person = await registered(uc);
    const { enrollmentId, secret } = await enrolled(uc, person);
    await refusalOf(bind(person, enrollmentId, otherCode(codeNow(uc, secret))));
    const events = await uc.store.readStream(`account-${person.accountId}`);
    expect(events.map((e) => e.type)).not.toContain('RecoveryCodesGenerated');
    const { recoveryCodes } = await bind(person, enrollmentId, codeNow(uc, secret));
    expect(recoveryCodes).toHaveLength(10);
  });

  it('refuses a wrong code: INVALID_CODE', async () => {
    const person = await registered(uc);
    const { enrollmentId, secret } = await enrolled(uc, person);
    expect(await refusalOf(bind(person, enrollmentId, otherCode(codeNow(uc, secret))))).toEqual({ code: 'INVALID_CODE' });
  });

  it('refuses an enrollment that was never begun: VERIFICATION_REQUIRED', async () => {
    const person = await registered(uc);
    expect(await refusalOf(bind(person, 'no-such-enrollment', '123456'))).toEqual({ code: 'VERIFICATION_REQUIRED' });
  });

  it('refuses an expired enrollment: VERIFICATION_REQUIRED', async () => {
    const person = await registered(uc);
    const { enrollmentId, secret } = await enrolled(uc, person);
    uc.clock.advanceSeconds(601);
    expect(await refusalOf(bind(person, enrollmentId, codeNow(uc, secret)))).toEqual({ code: 'VERIFICATION_REQUIRED' });
  });

  it('refuses an enrollment bound already: TOTP_ALREADY_BOUND', async () => {
    const person = await registered(uc);
    const { enrollmentId, secret } = await enrolled(uc, person);
    await bind(person, enrollmentId, codeNow(uc, secret));
    uc.clock.advanceSeconds(30);
    expect(await refusalOf(bind(person, enrollmentId, codeNow(uc, secret)))).toEqual({ code: 'TOTP_ALREADY_BOUND' });
  });

  it('locks the account after repeated wrong codes: ACCOUNT_LOCKED', async () => {
    const person = await registered(uc);
    const { enrollmentId, secret } = await enrolled(uc, person);
    const answers = await refusedTimes(5, () => bind(person, enrollmentId, otherCode(codeNow(uc, secret))));
    expect(answers.map((a) => a.code)).toEqual([...Array(4).fill('INVALID_CODE'), 'ACCOUNT_LOCKED']);
    expect((await refusalOf(bind(person, enrollmentId, codeNow(uc, secret)))).code).toBe('ACCOUNT_LOCKED');
  });
});
