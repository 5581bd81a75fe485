import { login, LoginPayload, me, send } from '../support/flow';
import { startAppForSuite } from '../support/app-for-suite';
import { errorCodes } from '../support/graphql-client';
import { protectWithTotp } from '../support/protected-account';

const CHALLENGES = 16;

// A TOTP code is accepted at most once, also when requests race: 16 challenges, one code, all at once.
describe('a TOTP code replayed by concurrent logins', () => {
  // A high threshold so that the 15 refused replays do not lock the account: each must say INVALID_CODE.
  // For the same reason the logon rate limits (rate-limits.e2e-spec.ts) are raised: 33 logon steps, one client.
  const suite = startAppForSuite({
    lockoutThreshold: 100,
    env: { RATE_LIMIT_LOGON_PER_ADDRESS: '100/60', RATE_LIMIT_ATTEMPTS_PER_ACCOUNT: '100/60' },
  });

  it('lets exactly one of 16 concurrent completeLogin calls with the same code succeed', async () => {
    const account = await protectWithTotp(suite.api, suite.receivers, 'SMS');
    const challenges: string[] = [];
    for (let i = 0; i < CHALLENGES; i++) {
      const started = await login(suite.api, { loginName: account.loginName, password: account.password });
      expect(started.status).toBe('MFA_REQUIRED');
      challenges.push(started.challenge?.challengeId ?? '');
    }
    expect(new Set(challenges).size).toBe(CHALLENGES);

    const code = await account.authenticator.nextCode();
    const answers = await Promise.all(challenges.map((challengeId) => send(suite.api, 'completeLogin', { input: { challengeId, code } })));

    const outcomes = answers.map((answer) => {
      const payload = answer.body.data?.completeLogin as LoginPayload | null | undefined;
      return payload?.status ?? errorCodes(answer).join(',');
    });
    expect(answers.every((answer) => answer.status < 500)).toBe(true);
    expect(outcomes.filter((outcome) => outcome === 'SUCCEEDED')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome !== 'SUCCEEDED')).toEqual(Array(CHALLENGES - 1).fill('INVALID_CODE'));

    const winner = answers.find((answer) => (answer.body.data?.completeLogin as LoginPayload | null)?.status === 'SUCCEEDED');
    const token = (winner?.body.data?.completeLogin as LoginPayload).session?.token ?? '';
    expect(await me(suite.api, token)).toMatchObject({ accountId: account.accountId, security: { totpBound: true } });
  });
});
