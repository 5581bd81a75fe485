import { AccountCommand, accountDecider, accountStream, AccountState, DEFAULT_SECURITY_POLICY } from '@identity/domain';
import { handleCommand, InMemoryEventStore } from '@identity/event-store';
import { at } from '@identity/testing';
import { READ_MODEL_ADAPTERS } from '../../../test/support/read-model-adapters';
import { digestNow, newSigningKey, ReadModelFixture } from '../../../test/support/audit-fixture';
import { verifyAuditTrail } from './verify-audit-trail';

const decider = accountDecider(DEFAULT_SECURITY_POLICY);
const context = { correlationId: 'c', causationId: null, actor: 'account:acc-d', ip: '203.0.113.7', userAgent: 'spec' };

/** An account that turned TOTP protection on and off again, written by handleCommand as the app writes it. */
async function protectAndDisable(store: InMemoryEventStore): Promise<void> {
  const run = (command: (state: AccountState) => AccountCommand) => handleCommand(store, accountStream('acc-d'), decider, command, context);
  await run(() => ({
    type: 'RegisterAccount',
    now: at(0),
    accountId: 'acc-d',
    loginName: 'dora',
    passwordHash: '$argon2id$h',
    email: 'enc:v1:e',
    maskedEmail: 'd***@example.com',
    phone: 'enc:v1:p',
    maskedPhone: '+1******4567',
    primaryAccountId: null,
  }));
  await run(() => ({
    type: 'EnableProtection',
    now: at(10),
    verificationId: 'ver-1',
    scenes: ['LOGON'],
    method: 'TOTP',
    channel: 'SMS',
    codeHash: 'hmac:1',
  }));
  await run(() => ({ type: 'VerifyIdentity', now: at(20), verificationId: 'ver-1', codeHash: 'hmac:1' }));
  await run(() => ({ type: 'BeginTotpBinding', now: at(30), verificationId: 'ver-1', enrollmentId: 'enr-1', secret: 'enc:v1:s' }));
  await run(() => ({ type: 'BindTotp', now: at(40), enrollmentId: 'enr-1', matchedTimeStep: 1000 }));
  await run(() => ({ type: 'RequestProtectionDisable', now: at(50), verificationId: 'dis-1', channel: 'SMS', codeHash: 'hmac:2' }));
  // Removing TOTP protection also takes a fresh TOTP code (here: its proof, a step after the binding's).
  const secondFactor = { proof: { kind: 'TOTP' as const, authenticatorId: 'enr-1', timeStep: 1001 } };
  await run(() => ({ type: 'DisableProtection', now: at(60), verificationId: 'dis-1', codeHash: 'wrong', secondFactor }));
  await run(() => ({ type: 'DisableProtection', now: at(70), verificationId: 'dis-1', codeHash: 'hmac:2', secondFactor }));
}

describe.each(READ_MODEL_ADAPTERS)('audit verify with protection turned off (read models in %s)', (dialect) => {
  const key = newSigningKey();
  let store: InMemoryEventStore;
  let readModels: ReadModelFixture;

  beforeEach(async () => {
    store = new InMemoryEventStore();
    await protectAndDisable(store);
    await digestNow(store, key);
    readModels = await ReadModelFixture.open(dialect);
    await readModels.build(store);
  });
  afterEach(async () => {
    await readModels.close();
    await store.close();
  });

  const verify = async () => {
    const reader = readModels.readOnly();
    const lines: string[] = [];
    try {
      const result = await verifyAuditTrail({
        store,
        publicKey: key.publicKey,
        readModels: reader,
        out: (l) => lines.push(l),
        progress: () => undefined,
      });
      return { result, mismatches: lines.filter((l) => l.startsWith('MISMATCH ')) };
    } finally {
      await reader.close();
    }
  };

  it('re-folds TotpUnbound and ProtectionDisabled to the rows the projections wrote', async () => {
    const types = (await store.readStream(accountStream('acc-d'))).map((e) => e.type);
    expect(types.slice(-6)).toEqual([
      'IdentityVerificationStarted',
      'VerificationFailed',
      'IdentityVerified',
      'TotpCodeAccepted',
      'TotpUnbound',
      'ProtectionDisabled',
    ]);
    const { result, mismatches } = await verify();
    expect(mismatches).toEqual([]);
    expect(result.ok).toBe(true);
    expect(
      await readModels.writer.query('SELECT protection_enabled, scenes, method, totp_bound, totp_bound_at FROM account_security_v3'),
    ).toEqual([{ protection_enabled: 0, scenes: '[]', method: null, totp_bound: 0, totp_bound_at: null }]);
    const rows = await readModels.writer.query<{ data: string }>(
      "SELECT data FROM audit_history_v1 WHERE type IN ('TotpUnbound', 'ProtectionDisabled') ORDER BY seq",
    );
    expect(rows.map((row) => JSON.parse(String(row.data)))).toEqual([
      { authenticatorId: 'enr-1', at: at(70) },
      { method: 'TOTP', scenes: ['LOGON'], verificationId: 'dis-1', at: at(70) },
    ]);
  });

  it('names a row that still shows the protection on', async () => {
    await readModels.writer.execute('UPDATE account_security_v3 SET protection_enabled = 1, totp_bound = 1');
    const { result, mismatches } = await verify();
    expect(result.ok).toBe(false);
    expect(mismatches).toEqual([
      expect.stringMatching(/^MISMATCH security-view account-acc-d@\d+ -: the account_security_v3 row differs in protection_enabled/),
    ]);
  });
});
