import { Principal } from './principal';

/** API key roles that read every account's security history. */
const HISTORY_READER_ROLES = new Set(['auditor', 'admin']);

/**
 * Who may read an account's security state and history (current state, audit trail, point-in-time state): an auditor or
 * admin key; the account itself; its primary account (for a RAM user). Integrators may not.
 */
export function mayReadAccountHistory(principal: Principal, accountId: string, primaryAccountId: string | null): boolean {
  if (principal.kind === 'machine') return HISTORY_READER_ROLES.has(principal.role);
  return principal.accountId === accountId || (primaryAccountId !== null && primaryAccountId === principal.accountId);
}

/** Whether the principal may read the whole trail, every account at once. */
export function mayReadEveryAccount(principal: Principal): boolean {
  return principal.kind === 'machine' && HISTORY_READER_ROLES.has(principal.role);
}
