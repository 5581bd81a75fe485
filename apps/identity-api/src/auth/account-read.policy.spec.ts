import { Principal } from './principal';
import { mayReadAccountHistory, mayReadEveryAccount } from './account-read.policy';

const person = (accountId: string): Principal => ({ kind: 'person', accountId, sessionId: 's' });
const key = (role: 'auditor' | 'integrator' | 'admin'): Principal => ({ kind: 'machine', keyId: 'k', name: 'n', role });

describe('who may read an account history', () => {
  it('lets auditor and admin keys read any account and the whole trail, integrators neither', () => {
    for (const role of ['auditor', 'admin'] as const) {
      expect(mayReadAccountHistory(key(role), 'acc-1', null)).toBe(true);
      expect(mayReadEveryAccount(key(role))).toBe(true);
    }
    expect(mayReadAccountHistory(key('integrator'), 'acc-1', null)).toBe(false);
    expect(mayReadEveryAccount(key('integrator'))).toBe(false);
  });

  it('lets a person read their own account and their RAM users, nobody else, and never the whole trail', () => {
    expect(mayReadAccountHistory(person('acc-1'), 'acc-1', null)).toBe(true);
    expect(mayReadAccountHistory(person('acc-1'), 'ram-1', 'acc-1')).toBe(true);
    expect(mayReadAccountHistory(person('acc-2'), 'ram-1', 'acc-1')).toBe(false);
    expect(mayReadAccountHistory(person('acc-2'), 'acc-1', null)).toBe(false);
    expect(mayReadEveryAccount(person('acc-1'))).toBe(false);
  });
});
