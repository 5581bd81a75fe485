import { AppProcess } from '../support/app-process';
import { runCli } from '../support/cli-process';
import { DeliveryReceivers } from '../support/delivery-receivers';
import { accountSecurity, Api, completeLogin, login, me, send } from '../support/flow';
import { expectError } from '../support/graphql-client';
import { eventually } from '../support/polling';
import { ProtectedAccount, protectWithTotp } from '../support/protected-account';

// What the service acknowledged survives a crash (SIGKILL), and rebuilding the read models from the
// events gives back the same state.
describe('crash recovery and projection rebuild', () => {
  let receivers: DeliveryReceivers;
  let app: AppProcess;
  let api: Api;
  let account: ProtectedAccount;
  let token: string;
  let acceptedCode: string;

  beforeAll(async () => {
    receivers = await DeliveryReceivers.start();
    app = await AppProcess.start(receivers.appOptions);
    api = { graphqlUrl: app.graphqlUrl };
  });
  afterAll(async () => {
    await app?.dispose();
    await receivers?.close();
  });

  it('keeps a bound authenticator after a SIGKILL right after bindTotp was acknowledged', async () => {
    account = await protectWithTotp(api, receivers, 'SMS');
    await app.kill();
    await app.restart();

    const started = await login(api, { loginName: account.loginName, password: account.password });
    expect(started.status).toBe('MFA_REQUIRED');
    expect(started.session).toBeNull();
    acceptedCode = await account.authenticator.nextCode();
    const done = await completeLogin(api, { challengeId: started.challenge?.challengeId ?? '', code: acceptedCode });
    expect(done.status).toBe('SUCCEEDED');
    token = done.session?.token ?? '';

    // The read model may still be catching up from its checkpoint right after the restart.
    const mine = await eventually(() => me(api, token), (read) => read?.security.totpBound === true);
    expect(mine?.security).toMatchObject({
      accountId: account.accountId, protectionEnabled: true, scenes: ['LOGON'], method: 'TOTP', totpBound: true,
    });
    expect(Date.parse(mine?.security.totpBoundAt ?? '')).toBe(Date.parse(account.security.totpBoundAt ?? ''));
    expect(await accountSecurity(api, token, account.accountId)).toEqual(mine?.security);
  });

  it('still refuses an accepted code after a SIGKILL right after completeLogin was acknowledged', async () => {
    await app.kill();
    await app.restart();
    const started = await login(api, { loginName: account.loginName, password: account.password });
    expect(started.status).toBe('MFA_REQUIRED');
    const replay = await send(api, 'completeLogin', { input: { challengeId: started.challenge?.challengeId, code: acceptedCode } });
    expectError(replay, 'INVALID_CODE');
  });

  it('answers the same after `projections rebuild` as before it', async () => {
    // A session token stays valid across restarts until it expires (assumption: tokens are not in-memory).
    const before = { me: await me(api, token), security: await accountSecurity(api, token, account.accountId) };
    expect(before.me?.security.totpBound).toBe(true);
    await app.stop();

    const rebuild = await runCli(['projections', 'rebuild'], app.env);
    expect({ exitCode: rebuild.exitCode, stderr: rebuild.stderr }).toMatchObject({ exitCode: 0 });

    await app.restart();
    const after = { me: await me(api, token), security: await accountSecurity(api, token, account.accountId) };
    expect(after).toEqual(before);
    const started = await login(api, { loginName: account.loginName, password: account.password });
    expect(started.status).toBe('MFA_REQUIRED');
  });
});
