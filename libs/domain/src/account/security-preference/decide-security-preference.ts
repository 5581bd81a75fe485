import { DomainError, invalidRequest } from '../../shared/domain-error';
import { SecurityPolicy } from '../account.commands';
import { AccountEvent } from '../account.events';
import { AccountState } from '../account.state';
import { requireAccount } from '../kernel/account-guards';
import { requireStepUp } from '../kernel/sessions';
import { SetSecurityPreference } from '../logon-aid.commands';
import {
  DEFAULT_REMEMBER_DEVICE_DAYS,
  MAX_REMEMBER_DEVICE_DAYS,
  MIN_REMEMBER_DEVICE_DAYS,
  SecurityPreference,
} from './security-preference.events';

/**
 * A primary account changes what it decides for the logons under it (a sensitive operation: the
 * step-up rule applies). Each field not given stays; `rememberDevice: true` without days keeps the
 * days in force, or 7; `rememberDeviceDays` alone turns remembering on with those days. A RAM user
 * has no preference of its own (FORBIDDEN). The same preference again records nothing.
 */
export function decideSetSecurityPreference(policy: SecurityPolicy, command: SetSecurityPreference, state: AccountState): AccountEvent[] {
  requireAccount(state);
  if (state.primaryAccountId !== null) {
    throw new DomainError('NOT_PERMITTED', "a RAM user's security preference is its primary account's");
  }
  requireStepUp(state, command.sessionId, command.now, policy);
  const current = state.securityPreference;
  const next: SecurityPreference = {
    ramUserMfaRequired: command.ramUserMfaRequired ?? current.ramUserMfaRequired,
    ramUsersManageOwnDevices: command.ramUsersManageOwnDevices ?? current.ramUsersManageOwnDevices,
    rememberDeviceDays: rememberDeviceDaysOf(command, current.rememberDeviceDays),
  };
  const same =
    next.ramUserMfaRequired === current.ramUserMfaRequired &&
    next.ramUsersManageOwnDevices === current.ramUsersManageOwnDevices &&
    next.rememberDeviceDays === current.rememberDeviceDays;
  if (same) return [];
  return [{ type: 'SecurityPreferenceSet', data: { ...next, sessionId: command.sessionId ?? null, at: command.now } }];
}

function rememberDeviceDaysOf(command: SetSecurityPreference, current: number | null): number | null {
  const days = command.rememberDeviceDays ?? null;
  if (days !== null) {
    if (command.rememberDevice === false) throw invalidRequest('rememberDeviceDays', 'only with rememberDevice true (or without it)');
    if (!Number.isInteger(days) || days < MIN_REMEMBER_DEVICE_DAYS || days > MAX_REMEMBER_DEVICE_DAYS) {
      throw invalidRequest('rememberDeviceDays', `a whole number of days from ${MIN_REMEMBER_DEVICE_DAYS} to ${MAX_REMEMBER_DEVICE_DAYS}`);
    }
    return days;
  }
  if (command.rememberDevice === true) return current ?? DEFAULT_REMEMBER_DEVICE_DAYS;
  if (command.rememberDevice === false) return null;
  return current;
}
