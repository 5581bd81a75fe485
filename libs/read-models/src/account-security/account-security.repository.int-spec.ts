import { AccountSecurityView } from '@identity/domain';
import { READ_MODEL_ADAPTERS, useReadModelDb } from '../../../../test/support/read-model-adapters';
import { AccountSecurityRepository } from './account-security.repository';

const VIEW: AccountSecurityView = {
  accountId: 'a-1',
  loginName: 'ada',
  primaryAccountId: null,
  protectionEnabled: true,
  scenes: ['LOGON'],
  method: 'TOTP',
  totpBound: true,
  totpBoundAt: '2026-03-02T09:00:10.000Z',
  lockedUntil: null,
  erased: false,
  updatedAt: '2026-03-02T09:01:00.000Z',
  authenticators: [
    {
      id: 'enr-1',
      kind: 'TOTP',
      name: 'Authenticator',
      boundAt: '2026-03-02T09:00:10.000Z',
      lastUsedAt: '2026-03-02T09:05:00.000Z',
      driftSteps: 0,
    },
    { id: 'enr-2', kind: 'TOTP', name: 'work phone', boundAt: '2026-03-02T09:01:00.000Z', lastUsedAt: null, driftSteps: -3 },
  ],
  recoveryCodesRemaining: 7,
};

describe.each(READ_MODEL_ADAPTERS)('account_security.v3 rows in %s', (dialect) => {
  const readModels = useReadModelDb(dialect);

  it('keeps the authenticators of a row, in order, and the recovery codes remaining', async () => {
    await AccountSecurityRepository.setUp(readModels.db);
    const repository = new AccountSecurityRepository(readModels.db);
    await repository.save(VIEW);
    expect(await repository.find('a-1')).toEqual(VIEW);
  });
});
