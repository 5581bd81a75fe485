import { startAppForSuite } from '../support/app-for-suite';
import { completeLogin, login, LoginPayload, myAuthenticators, send } from '../support/flow';
import { errorCodes, expectError } from '../support/graphql-client';
import { eventually } from '../support/polling';
import { addAuthenticator, protectWithTotp } from '../support/protected-account';
import { codeForStep, currentStep, TotpAuthenticator, waitForStep } from '../support/totp';

const RACERS = 16;

// Several TOTP authenticators on one account (issue 8): each logs on, each keeps its own spent steps.
describe('several TOTP authenticators on one account', () => {
  // A high threshold: the refused replays below must each say INVALID_CODE, not lock the account.
  // 16 logons race per device from one client: the per-address and per-account rate limits
  // (rate-limits.e2e-spec.ts) would answer RATE_LIMITED before the replay protection this suite checks.
  const suite = startAppForSuite({
    lockoutThreshold: 200,
    env: {
      RATE_LIMIT_LOGON_PER_ADDRESS: '1000/60',
      RATE_LIMIT_ATTEMPTS_PER_ACCOUNT: '1000/60',
      RATE_LIMIT_VERIFICATION_PER_ADDRESS: '1000/60',
    },
  });

  async function withTwo() {
    const account = await protectWithTotp(suite.api, suite.receivers, 'SMS');
    const added = await addAuthenticator(suite.api, suite.receivers, account, 'work phone');
    return { account, first: account.authenticator, second: added.authenticator };
  }

  async function challenge({ loginName, password }: { loginName: string; password: string }): Promise<string> {
    const started = await login(suite.api, { loginName, password });
    expect(started.status).toBe('MFA_REQUIRED');
    return started.challenge?.challengeId ?? '';
  }

  /** A step neither authenticator has spent yet (waiting for the clock when the drift window does not reach it). */
  async function freshStepFor(...apps: TotpAuthenticator[]): Promise<number> {
    const step = Math.max(currentStep(), ...apps.map((a) => (a.lastUsedStep ?? 0) + 1));
    if (step > currentStep() + 1) await waitForStep(step - 1);
    return step;
  }

  it('binds a second one by name through requestVerification, and both log on', async () => {
    const { account, first, second } = await withTwo();
    const bound = await eventually(
      () => myAuthenticators(suite.api, account.token),
      (list) => list.length === 2,
    );
    expect(bound.map((a) => ({ kind: a.kind, name: a.name, lastUsedAt: a.lastUsedAt }))).toEqual([
      { kind: 'TOTP', name: 'Authenticator', lastUsedAt: null },
      { kind: 'TOTP', name: 'work phone', lastUsedAt: null },
    ]);
    for (const app of [first, second]) {
      const done = await completeLogin(suite.api, { challengeId: await challenge(account), code: await app.nextCode() });
      expect(done).toMatchObject({ status: 'SUCCEEDED', session: { accountId: account.accountId } });
    }
    const shown = await eventually(
      () => myAuthenticators(suite.api, account.token),
      (list) => list.every((a) => a.lastUsedAt !== null),
    );
    expect(shown.map((a) => ({ name: a.name, used: a.lastUsedAt !== null }))).toEqual([
      { name: 'Authenticator', used: true },
      { name: 'work phone', used: true },
    ]);
  });

  it("never lets one authenticator's code spend the other's time step", async () => {
    const { account, first, second } = await withTwo();
    const step = await freshStepFor(first, second);
    const firstCode = codeForStep(first.secret, step);
    const secondCode = codeForStep(second.secret, step);
    expect(await completeLogin(suite.api, { challengeId: await challenge(account), code: firstCode })).toMatchObject({
      status: 'SUCCEEDED',
    });
    expect(await completeLogin(suite.api, { challengeId: await challenge(account), code: secondCode })).toMatchObject({
      status: 'SUCCEEDED',
    });
    expectError(
      await send(suite.api, 'completeLogin', { input: { challengeId: await challenge(account), code: firstCode } }),
      'INVALID_CODE',
    );
    expectError(
      await send(suite.api, 'completeLogin', { input: { challengeId: await challenge(account), code: secondCode } }),
      'INVALID_CODE',
    );
  });

  it(`accepts each authenticator's code exactly once when ${RACERS} logins race with each`, async () => {
    const { account, first, second } = await withTwo();
    const challenges: string[] = [];
    for (let i = 0; i < 2 * RACERS; i++) challenges.push(await challenge(account));
    const step = await freshStepFor(first, second);
    const codes = challenges.map((_, i) => codeForStep((i % 2 === 0 ? first : second).secret, step));
    const answers = await Promise.all(
      challenges.map((challengeId, i) => send(suite.api, 'completeLogin', { input: { challengeId, code: codes[i] } })),
    );
    const outcomes = answers.map(
      (answer) => (answer.body.data?.completeLogin as LoginPayload | null)?.status ?? errorCodes(answer).join(','),
    );
    const succeeded = (parity: number) => outcomes.filter((o, i) => i % 2 === parity && o === 'SUCCEEDED').length;
    expect({ first: succeeded(0), second: succeeded(1) }).toEqual({ first: 1, second: 1 });
    expect(outcomes.filter((o) => o !== 'SUCCEEDED')).toEqual(Array(2 * RACERS - 2).fill('INVALID_CODE'));
  });

  it('refuses a 9th TOTP authenticator: AUTHENTICATOR_LIMIT_REACHED', async () => {
    const { account } = await withTwo();
    for (let n = 3; n <= 8; n++) await addAuthenticator(suite.api, suite.receivers, account, `device ${n}`);
    const ninth = addAuthenticator(suite.api, suite.receivers, account, 'device 9');
    await expect(ninth).rejects.toThrow(/AUTHENTICATOR_LIMIT_REACHED/);
    const shown = await eventually(
      () => myAuthenticators(suite.api, account.token),
      (list) => list.length === 8,
    );
    expect(shown.map((a) => a.name)).toEqual(['Authenticator', 'work phone', ...[3, 4, 5, 6, 7, 8].map((n) => `device ${n}`)]);
  });
});
