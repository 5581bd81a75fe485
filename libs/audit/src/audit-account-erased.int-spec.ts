import { AccountCommand, accountDecider, accountStream, AccountState, DEFAULT_SECURITY_POLICY } from '@identity/domain';
import { handleCommand, InMemoryEventStore } from '@identity/event-store';
import { at } from '@identity/testing';
import { READ_MODEL_ADAPTERS } from '../../../test/support/read-model-adapters';
import { digestNow, newSigningKey, ReadModelFixture } from '../../../test/support/audit-fixture';
import { verifyAuditTrail } from './verify-audit-trail';

const decider = accountDecider(DEFAULT_SECURITY_POLICY);
const context = { correlationId: 'c', causationId: null, actor: 'account:acc-e', ip: '203.0.113.7', userAgent: 'spec' };

async function write(store: InMemoryEventStore, accountId: string, commands: ((state: AccountState) => AccountCommand)[]): Promise<void> {
  for (const command of commands) await handleCommand(store, accountStream(accountId), decider, command, context);
}

const register = (accountId: string, loginName: string) => (): AccountCommand => ({
  type: 'RegisterAccount',
  now: at(0),
  accountId,
  loginName,
  passwordHash: '$argon2id$h',
  email: 'enc:v1:e',
  maskedEmail: 'e***@example.com',
  phone: 'enc:v1:p',
  maskedPhone: '+1******4567',
  primaryAccountId: null,
});
const fail = (): AccountCommand => ({
  type: 'Login',
  now: at(5),
  passwordValid: false,
  sessionId: 's',
  challengeId: 'c',
  challengeCodeHash: null,
});

/** An account erased by an admin key after a registration and a failed logon, next to one that is not. */
describe.each(READ_MODEL_ADAPTERS)('audit verify with an erased account (read models in %s)', (dialect) => {
  const key = newSigningKey();
  let store: InMemoryEventStore;
  let readModels: ReadModelFixture;

  beforeEach(async () => {
    store = new InMemoryEventStore();
    await write(store, 'acc-e', [
      register('acc-e', 'erin'),
      fail,
      () => ({ type: 'EraseAccount', now: at(10), by: 'ADMIN', sessionId: null, verificationId: null }),
    ]);
    await write(store, 'acc-k', [register('acc-k', 'kept'), fail]);
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
  const rowsOf = (accountId: string) =>
    readModels.writer.query<{ type: string; data: string; ip: string | null; user_agent: string | null }>(
      'SELECT type, data, ip, user_agent FROM audit_history_v1 WHERE account_id = ? ORDER BY seq',
      [accountId],
    );

  it('holds, with the erased account’s rows stripped of personal data and the other account’s as they were', async () => {
    const { result, mismatches } = await verify();
    expect(mismatches).toEqual([]);
    expect(result.summary).toContain('audit_history_v1: 5 rows compared');
    const erased = await rowsOf('acc-e');
    expect(erased.map((r) => [r.type, r.ip, r.user_agent])).toEqual([
      ['AccountRegistered', null, null],
      ['PasswordCheckFailed', null, null],
      ['AccountErased', null, null],
    ]);
    expect(JSON.parse(String(erased[0]?.data))).toMatchObject({ loginName: '[erased]', maskedEmail: '[erased]', maskedPhone: '[erased]' });
    const kept = await rowsOf('acc-k');
    expect(JSON.parse(String(kept[0]?.data))).toMatchObject({ loginName: 'kept', maskedPhone: '+1******4567' });
    expect(kept[0]?.ip).toBe('203.0.113.7');
    expect(await readModels.writer.query('SELECT account_id, login_name, erased FROM account_security_v3 ORDER BY account_id')).toEqual([
      { account_id: 'acc-e', login_name: '', erased: 1 },
      { account_id: 'acc-k', login_name: 'kept', erased: 0 },
    ]);
  });

  it('names rows shown erased for an account no AccountErased erased', async () => {
    const [row] = await readModels.writer.query<{ event_id: string; data: string }>(
      "SELECT event_id, data FROM audit_history_v1 WHERE account_id = 'acc-k' AND type = 'AccountRegistered'",
    );
    const data = { ...JSON.parse(String(row?.data)), loginName: '[erased]', maskedEmail: '[erased]', maskedPhone: '[erased]' };
    await readModels.writer.execute('UPDATE audit_history_v1 SET data = ?, ip = NULL, user_agent = NULL WHERE event_id = ?', [
      JSON.stringify(data),
      String(row?.event_id),
    ]);
    const { result, mismatches } = await verify();
    expect(result.ok).toBe(false);
    expect(mismatches).toEqual([expect.stringMatching(/audit_history_v1 rows of account acc-k show it erased, no AccountErased does/)]);
  });
});
