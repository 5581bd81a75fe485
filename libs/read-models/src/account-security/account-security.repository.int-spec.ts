import { AccountSecurityView } from '@identity/domain';
import { READ_MODEL_ADAPTERS, useReadModelDb } from '../../../../test/support/read-model-adapters';
import { ACCOUNT_SECURITY_TABLE, AccountSecurityRepository } from './account-security.repository';

const VIEW: AccountSecurityView = {
  accountId: 'a-1', loginName: 'ada', primaryAccountId: null, protectionEnabled: true, scenes: ['LOGON'], method: 'TOTP',
  totpBound: true, totpBoundAt: '2026-03-02T09:00:10.000Z', lockedUntil: null, updatedAt: '2026-03-02T09:01:00.000Z',
  authenticators: [
    { id: 'enr-1', kind: 'TOTP', name: 'Authenticator', boundAt: '2026-03-02T09:00:10.000Z', lastUsedAt: '2026-03-02T09:05:00.000Z' },
    { id: 'enr-2', kind: 'TOTP', name: 'work phone', boundAt: '2026-03-02T09:01:00.000Z', lastUsedAt: null },
  ],
};

describe.each(READ_MODEL_ADAPTERS)('account_security.v1 rows in %s', (dialect) => {
  const readModels = useReadModelDb(dialect);

  it('keeps the authenticators of a row, in order', async () => {
    await AccountSecurityRepository.setUp(readModels.db);
    const repository = new AccountSecurityRepository(readModels.db);
    await repository.save(VIEW);
    expect(await repository.find('a-1')).toEqual(VIEW);
  });

  it('adds the authenticators column to a table made before it, keeping its rows', async () => {
    await readModels.db.execute(`CREATE TABLE ${ACCOUNT_SECURITY_TABLE} (
      account_id TEXT PRIMARY KEY, login_name TEXT NOT NULL, primary_account_id TEXT, protection_enabled INTEGER NOT NULL,
      scenes TEXT NOT NULL, method TEXT, totp_bound INTEGER NOT NULL, totp_bound_at TEXT, locked_until TEXT, updated_at TEXT NOT NULL)`);
    await readModels.db.execute(`INSERT INTO ${ACCOUNT_SECURITY_TABLE} VALUES ('a-0', 'old', NULL, 0, '[]', NULL, 0, NULL, NULL, '2026-01-01T00:00:00.000Z')`);
    await AccountSecurityRepository.setUp(readModels.db);
    await AccountSecurityRepository.setUp(readModels.db);
    const repository = new AccountSecurityRepository(readModels.db);
    expect(await repository.find('a-0')).toMatchObject({ loginName: 'old', authenticators: [] });
    await repository.save(VIEW);
    expect((await repository.find('a-1'))?.authenticators).toEqual(VIEW.authenticators);
  });
});
