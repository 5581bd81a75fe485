import { AccountEvent } from '../account.events';
import { AccountState, totpAuthenticators } from '../account.state';
import { requireRamUserOf } from '../ram-user/decide-ram-user';
import { endOtherSessions } from '../kernel/sessions';
import { ResetMfaByPrimary } from '../logon-aid.commands';

/**
 * The primary account helps a RAM user who lost the device: every authenticator is unbound, the
 * protection (and with it the recovery codes) is off, remembered devices and pending enrollments are
 * forgotten, and every session ends (RESET_BY_PRIMARY). With MFA required, the next logon enrolls
 * again. Only the RAM user's own primary may (FORBIDDEN otherwise; the handler checks the step-up).
 */
export function decideResetMfaByPrimary(command: ResetMfaByPrimary, state: AccountState): AccountEvent[] {
  const { now, primaryAccountId } = command;
  // An unknown or erased account, a primary account and another primary's RAM user: NOT_PERMITTED alike.
  requireRamUserOf(state, primaryAccountId);
  const { enabled, method, scenes } = state.protection;
  return [
    { type: 'MfaResetByPrimary', data: { primaryAccountId, sessionId: command.sessionId, at: now } },
    ...totpAuthenticators(state).map((a): AccountEvent => ({ type: 'TotpUnbound', data: { authenticatorId: a.authenticatorId, at: now } })),
    ...(enabled && method !== null
      ? [{ type: 'ProtectionDisabled', data: { method, scenes: [...scenes], verificationId: null, at: now } } as AccountEvent]
      : []),
    ...endOtherSessions(state, null, 'RESET_BY_PRIMARY', now),
  ];
}
