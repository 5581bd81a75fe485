import { startAppForSuite } from '../support/app-for-suite';
import { apiKey, createApiKey, readWholeTrail } from '../support/audit-trail-client';
import { logonWith, myDevices, regenerateRecoveryCodes, sessionOf } from '../support/devices';
import { me, send } from '../support/flow';
import { expectError } from '../support/graphql-client';
import { eventually } from '../support/polling';
import { addAuthenticator, protectWithTotp, registerAndLogin } from '../support/protected-account';

const RECOVERY_CODE = /^[23456789a-hjkmnp-z]{5}-[23456789a-hjkmnp-z]{5}$/;

// Recovery codes (issue 10, item 4): shown once by the binding that turns TOTP protection on, each logs on once.
describe('recovery codes', () => {
  // Many logons from one client: the per-address limits would answer RATE_LIMITED before the rules under test.
  const suite = startAppForSuite({
    lockoutThreshold: 50,
    env: {
      RATE_LIMIT_LOGON_PER_ADDRESS: '1000/60',
      RATE_LIMIT_ATTEMPTS_PER_ACCOUNT: '1000/60',
      RATE_LIMIT_VERIFICATION_PER_ADDRESS: '1000/60',
    },
  });

  it('are ten distinct codes from the first binding, none from a further device', async () => {
    const account = await protectWithTotp(suite.api, suite.receivers);
    expect(account.recoveryCodes).toHaveLength(10);
    expect(new Set(account.recoveryCodes).size).toBe(10);
    for (const code of account.recoveryCodes) expect(code).toMatch(RECOVERY_CODE);
    const added = await addAuthenticator(suite.api, suite.receivers, account, 'tablet');
    expect(added.recoveryCodes).toEqual([]);
    const shown = await eventually(
      () => myDevices(suite.api, account.token),
      (s) => s.authenticators.length === 2,
    );
    expect(shown.recoveryCodesRemaining).toBe(10);
  });

  it('log on once each, never twice, and the count goes down', async () => {
    const account = await protectWithTotp(suite.api, suite.receivers);
    const [first, second] = account.recoveryCodes as [string, string];
    const token = sessionOf(await logonWith(suite.api, account, first));
    expect((await me(suite.api, token))?.accountId).toBe(account.accountId);
    expectError(await logonWith(suite.api, account, first), 'INVALID_CODE');
    expectError(await logonWith(suite.api, account, first.toUpperCase().replace('-', '')), 'INVALID_CODE');
    // Typed in capitals and without the dash, a code is the same code.
    sessionOf(await logonWith(suite.api, account, second.toUpperCase().replace('-', '')));
    const after = await eventually(
      () => myDevices(suite.api, account.token),
      (s) => s.recoveryCodesRemaining === 8,
    );
    expect(after.recoveryCodesRemaining).toBe(8);
  });

  it('refuse a made-up code, and a code of another account, like a wrong TOTP code', async () => {
    const account = await protectWithTotp(suite.api, suite.receivers);
    const other = await protectWithTotp(suite.api, suite.receivers);
    expectError(await logonWith(suite.api, account, 'abcde-fghjk'), 'INVALID_CODE');
    expectError(await logonWith(suite.api, account, other.recoveryCodes[0] ?? ''), 'INVALID_CODE');
    sessionOf(await logonWith(suite.api, other, other.recoveryCodes[0] ?? ''));
    expectError(await logonWith(suite.api, account, 'not a code!'), 'BAD_USER_INPUT');
  });

  it('are replaced by regenerateRecoveryCodes: the old ones fail, the new ones work', async () => {
    const account = await protectWithTotp(suite.api, suite.receivers);
    sessionOf(await logonWith(suite.api, account, account.recoveryCodes[0] ?? ''));
    const renewed = await regenerateRecoveryCodes(suite.api, account.token);
    expect(renewed.recoveryCodes).toHaveLength(10);
    expect(renewed.security.recoveryCodesRemaining).toBe(10);
    for (const code of renewed.recoveryCodes) expect(account.recoveryCodes).not.toContain(code);
    expectError(await logonWith(suite.api, account, account.recoveryCodes[1] ?? ''), 'INVALID_CODE');
    const token = sessionOf(await logonWith(suite.api, account, renewed.recoveryCodes[4] ?? ''));
    expect((await me(suite.api, token))?.accountId).toBe(account.accountId);
    expectError(await logonWith(suite.api, account, renewed.recoveryCodes[4] ?? ''), 'INVALID_CODE');
  });

  it('are regenerated only by the signed-in person of a TOTP-protected account', async () => {
    expectError(await send(suite.api, 'regenerateRecoveryCodes', {}), 'UNAUTHENTICATED');
    const unprotected = await registerAndLogin(suite.api);
    expectError(await send(suite.api, 'regenerateRecoveryCodes', {}, unprotected.token), 'BAD_USER_INPUT');
  });

  it('never show a code, salt or hash in the audit trail', async () => {
    const account = await protectWithTotp(suite.api, suite.receivers);
    sessionOf(await logonWith(suite.api, account, account.recoveryCodes[2] ?? ''));
    expectError(await logonWith(suite.api, account, account.recoveryCodes[2] ?? ''), 'INVALID_CODE');
    const renewed = await regenerateRecoveryCodes(suite.api, account.token);
    const auditor = apiKey(await createApiKey(suite.app.env, 'auditor'));
    const read = () => readWholeTrail(suite.app.graphqlUrl, auditor, { accountId: account.accountId }, 100).then((r) => r.events);
    const trail = await eventually(read, (events) => events.filter((e) => e.type === 'RecoveryCodesGenerated').length === 2);
    expect(trail.filter((e) => e.type.startsWith('RecoveryCode')).map((e) => [e.type, e.data])).toEqual([
      ['RecoveryCodesGenerated', expect.objectContaining({ reason: 'PROTECTION_ENABLED', codes: '[redacted]' })],
      ['RecoveryCodeUsed', expect.objectContaining({ index: 2, purpose: 'LOGIN', remaining: 9 })],
      ['RecoveryCodeCheckFailed', expect.objectContaining({ reason: 'USED_CODE' })],
      ['RecoveryCodesGenerated', expect.objectContaining({ reason: 'REGENERATED' })],
    ]);
    const text = JSON.stringify(trail);
    for (const code of [...account.recoveryCodes, ...renewed.recoveryCodes]) {
      expect(text).not.toContain(code);
      expect(text).not.toContain(code.replace('-', ''));
    }
    expect(text).not.toMatch(/\\?"(salt|hash)\\?"/);
  });
});
