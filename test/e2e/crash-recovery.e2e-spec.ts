import { runCli } from '../support/cli-process';
import { startAppForSuite } from '../support/app-for-suite';
import { accountSecurity, completeLogin, login, me, send } from '../support/flow';
import { expectError } from '../support/graphql-client';
import { eventually } from '../support/polling';
import { loginWithTotp, protectWithTotp } from '../support/protected-account';

// What the service acknowledged survives a crash (SIGKILL), and rebuilding the read models from the
// events gives back the same state.
describe('crash recovery and projection rebuild', () => {
  const suite = startAppForSuite();

  it('keeps a bound authenticator after a SIGKILL right after bindTotp was acknowledged', async () => {
    const account = await protectWithTotp(suite.api, suite.receivers, 'SMS');
    await suite.app.kill();
    await suite.app.restart();

    const started = await login(suite.api, { loginName: account.loginName, password: account.password });
    expect(started.status).toBe('MFA_REQUIRED');
    expect(started.session).toBeNull();
    const done = await completeLogin(suite.api, {
      challengeId: started.challenge?.challengeId ?? '',
      code: await account.authenticator.nextCode(),
    });
    expect(done.status).toBe('SUCCEEDED');
    const token = done.session?.token ?? '';

    // The read model may still be catching up from its checkpoint right after the restart.
    const mine = await eventually(
      () => me(suite.api, token),
      (read) => read?.security.totpBound === true,
    );
    expect(mine?.security).toMatchObject({
      accountId: account.accountId,
      protectionEnabled: true,
      scenes: ['LOGON'],
      method: 'TOTP',
      totpBound: true,
    });
    expect(Date.parse(mine?.security.totpBoundAt ?? '')).toBe(Date.parse(account.security.totpBoundAt ?? ''));
    expect(await accountSecurity(suite.api, token, account.accountId)).toEqual(mine?.security);
  });

  it('still refuses an accepted code after a SIGKILL right after completeLogin was acknowledged', async () => {
    const account = await protectWithTotp(suite.api, suite.receivers, 'SMS');
    const { code: acceptedCode } = await loginWithTotp(suite.api, account);
    await suite.app.kill();
    await suite.app.restart();
    const started = await login(suite.api, { loginName: account.loginName, password: account.password });
    expect(started.status).toBe('MFA_REQUIRED');
    const replay = await send(suite.api, 'completeLogin', { input: { challengeId: started.challenge?.challengeId, code: acceptedCode } });
    expectError(replay, 'INVALID_CODE');
  });

  it('answers the same after `projections rebuild` as before it', async () => {
    const account = await protectWithTotp(suite.api, suite.receivers, 'SMS');
    const { token } = await loginWithTotp(suite.api, account);
    await eventually(
      () => me(suite.api, token),
      (read) => read?.security.totpBound === true,
    );
    // A session token stays valid across restarts until it expires (assumption: tokens are not in-memory).
    const before = { me: await me(suite.api, token), security: await accountSecurity(suite.api, token, account.accountId) };
    expect(before.me?.security.totpBound).toBe(true);
    await suite.app.stop();

    const rebuild = await runCli(['projections', 'rebuild'], suite.app.env);
    expect({ exitCode: rebuild.exitCode, stderr: rebuild.stderr }).toMatchObject({ exitCode: 0 });

    await suite.app.restart();
    const after = { me: await me(suite.api, token), security: await accountSecurity(suite.api, token, account.accountId) };
    expect(after).toEqual(before);
    const started = await login(suite.api, { loginName: account.loginName, password: account.password });
    expect(started.status).toBe('MFA_REQUIRED');
  });
});
