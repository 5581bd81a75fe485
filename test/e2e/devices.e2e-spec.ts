import { startAppForSuite } from '../support/app-for-suite';
import { logonWith, myDevices, removeAuthenticator, renameAuthenticator, resyncTotp, sessionOf } from '../support/devices';
import { login, send } from '../support/flow';
import { expectError } from '../support/graphql-client';
import { eventually } from '../support/polling';
import { addAuthenticator, protectWithTotp } from '../support/protected-account';
import { codeForStep, currentStep, TOTP_PERIOD_SECONDS, waitForStep } from '../support/totp';

// Several devices (issue 10, item 5): remove, rename and resync each; the last one of TOTP protection goes only with it.
describe('managing several authenticators', () => {
  // Many logons and code checks from one client: the per-address limits would answer RATE_LIMITED first.
  const suite = startAppForSuite({
    lockoutThreshold: 50,
    env: {
      RATE_LIMIT_LOGON_PER_ADDRESS: '1000/60',
      RATE_LIMIT_ATTEMPTS_PER_ACCOUNT: '1000/60',
      RATE_LIMIT_VERIFICATION_PER_ADDRESS: '1000/60',
    },
  });

  async function withTwo() {
    const account = await protectWithTotp(suite.api, suite.receivers);
    const added = await addAuthenticator(suite.api, suite.receivers, account, 'work phone');
    const ids = (
      await eventually(
        () => myDevices(suite.api, account.token),
        (s) => s.authenticators.length === 2,
      )
    ).authenticators.map((a) => a.id) as [string, string];
    return { account, first: account.authenticator, second: added.authenticator, ids };
  }

  it('removes one of two: the other still logs on, the removed one no longer does', async () => {
    const { account, first, second, ids } = await withTwo();
    const removed = await removeAuthenticator(suite.api, account.token, { authenticatorId: ids[0] });
    const security = removed.body.data?.removeAuthenticator as { protectionEnabled: boolean; authenticators: { id: string }[] };
    expect(security).toMatchObject({ protectionEnabled: true, authenticators: [{ id: ids[1] }] });
    expectError(await logonWith(suite.api, account, await first.nextCode()), 'INVALID_CODE');
    sessionOf(await logonWith(suite.api, account, await second.nextCode()));
    expectError(await removeAuthenticator(suite.api, account.token, { authenticatorId: ids[0] }), 'BAD_USER_INPUT');
  });

  it('refuses to remove the last one of TOTP protection unless protection goes off with a fresh code of it', async () => {
    const account = await protectWithTotp(suite.api, suite.receivers);
    const [only] = (await myDevices(suite.api, account.token)).authenticators.map((a) => a.id) as [string];
    expectError(await removeAuthenticator(suite.api, account.token, { authenticatorId: only }), 'LAST_FACTOR');
    expectError(await removeAuthenticator(suite.api, account.token, { authenticatorId: only, disableProtection: true }), 'BAD_USER_INPUT');
    const withWrong = { authenticatorId: only, disableProtection: true, code: account.authenticator.wrongCode() };
    expectError(await removeAuthenticator(suite.api, account.token, withWrong), 'INVALID_CODE');
    // A recovery code is not as strong as the TOTP factor it would remove.
    const withRecovery = { authenticatorId: only, disableProtection: true, code: account.recoveryCodes[0] };
    expectError(await removeAuthenticator(suite.api, account.token, withRecovery), 'BAD_USER_INPUT');
    // The code bindTotp spent is spent for this too.
    const replayed = { authenticatorId: only, disableProtection: true, code: account.authenticator.lastCode() };
    expectError(await removeAuthenticator(suite.api, account.token, replayed), 'INVALID_CODE');
    const code = await account.authenticator.nextCode();
    const done = await removeAuthenticator(suite.api, account.token, { authenticatorId: only, disableProtection: true, code });
    expect(done.body.data?.removeAuthenticator).toMatchObject({
      protectionEnabled: false,
      totpBound: false,
      recoveryCodesRemaining: 0,
      authenticators: [],
    });
    expect(await login(suite.api, { loginName: account.loginName, password: account.password })).toMatchObject({ status: 'SUCCEEDED' });
  });

  it('renames one, shown in the authenticators', async () => {
    const { account, ids } = await withTwo();
    const renamed = await renameAuthenticator(suite.api, account.token, { authenticatorId: ids[0], name: '  old phone ' });
    expect(renamed.authenticators.map((a) => a.name)).toEqual(['old phone', 'work phone']);
    const shown = await eventually(
      () => myDevices(suite.api, account.token),
      (s) => s.authenticators[0]?.name === 'old phone',
    );
    expect(shown.authenticators.map((a) => a.name)).toEqual(['old phone', 'work phone']);
  });

  it('resyncs a drifted clock with two consecutive codes: before it those codes fail, after it they log on', async () => {
    const { account, first, ids } = await withTwo();
    // Start early in a step, so that the few requests below see the same current step.
    if (Date.now() / 1000 - currentStep() * TOTP_PERIOD_SECONDS > TOTP_PERIOD_SECONDS - 8) await waitForStep(currentStep() + 1);
    // A phone whose clock runs 5 steps (2.5 minutes) ahead: its codes are those of the server's step + 5.
    const step = currentStep();
    const drifted = (offset: number) => codeForStep(first.secret, step + offset);
    expectError(await logonWith(suite.api, account, drifted(5)), 'INVALID_CODE');
    expectError(
      await resyncTotp(suite.api, account.token, { authenticatorId: ids[0], code1: drifted(4), code2: drifted(6) }),
      'INVALID_CODE',
    );
    expectError(
      await resyncTotp(suite.api, account.token, { authenticatorId: ids[0], code1: drifted(5), code2: drifted(4) }),
      'INVALID_CODE',
    );
    const synced = await resyncTotp(suite.api, account.token, { authenticatorId: ids[0], code1: drifted(4), code2: drifted(5) });
    const security = synced.body.data?.resyncTotp as { authenticators: { id: string; driftSteps: number }[] };
    expect(security.authenticators).toEqual([
      expect.objectContaining({ id: ids[0], driftSteps: 5 }),
      expect.objectContaining({ id: ids[1], driftSteps: 0 }),
    ]);
    // The resync's own codes are spent; the drifted clock's next code logs on.
    expectError(await logonWith(suite.api, account, drifted(5)), 'INVALID_CODE');
    sessionOf(await logonWith(suite.api, account, drifted(6)));
    expectError(await logonWith(suite.api, account, codeForStep(first.secret, currentStep() - 1)), 'INVALID_CODE');
    expectError(
      await resyncTotp(suite.api, account.token, { authenticatorId: ids[0], code1: drifted(4), code2: drifted(5) }),
      'INVALID_CODE',
    );
  });

  it("refuses another account's authenticator, and a resync beyond the window", async () => {
    const { account, ids } = await withTwo();
    const other = await protectWithTotp(suite.api, suite.receivers);
    expectError(
      await send(suite.api, 'renameAuthenticator', { input: { authenticatorId: ids[0], name: 'mine' } }, other.token),
      'BAD_USER_INPUT',
    );
    expectError(await removeAuthenticator(suite.api, other.token, { authenticatorId: ids[1] }), 'BAD_USER_INPUT');
    const far = currentStep() + 12;
    const beyond = {
      authenticatorId: ids[0],
      code1: codeForStep(account.authenticator.secret, far),
      code2: codeForStep(account.authenticator.secret, far + 1),
    };
    expectError(await resyncTotp(suite.api, account.token, beyond), 'INVALID_CODE');
  });
});
