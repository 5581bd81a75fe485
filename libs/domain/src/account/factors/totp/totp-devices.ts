import { endOtherSessions } from '../../kernel/sessions';
import { requireStepUp } from '../../kernel/sessions';
import { DomainError, invalidRequest } from '../../../shared/domain-error';
import { RemoveAuthenticator, RenameAuthenticator, ResyncTotp, SecurityPolicy } from '../../account.commands';
import { AccountEvent, TotpCheckFailed } from '../../account.events';
import { AccountState, Authenticator, totpAuthenticators } from '../../account.state';
import { requireAccount } from '../../kernel/account-guards';
import { FailureCounts, passLockGate, recordFailure } from '../../kernel/lockout';
import { totpProtectionOn } from '../recovery-codes/recovery-codes';
import { authenticatorName } from './totp-binding';
import { checkTotpProof } from './totp-login';

/** A bound authenticator of this account, or INVALID_REQUEST naming `authenticatorId`. */
function boundAuthenticator(state: AccountState, authenticatorId: string): Authenticator {
  const authenticator = state.authenticators[authenticatorId];
  if (!authenticator) throw invalidRequest('authenticatorId', 'no such authenticator on this account');
  return authenticator;
}

export function decideRenameAuthenticator(policy: SecurityPolicy, command: RenameAuthenticator, state: AccountState): AccountEvent[] {
  requireAccount(state);
  const { authenticatorId, now } = command;
  requireStepUp(state, command.sessionId, now, policy);
  boundAuthenticator(state, authenticatorId);
  return [{ type: 'AuthenticatorRenamed', data: { authenticatorId, name: authenticatorName(command.name), at: now } }];
}

/**
 * Removes one authenticator. The last one of TOTP protection is refused (LAST_FACTOR) unless
 * protection is turned off in the same step, and that needs what turning TOTP protection off must:
 * a fresh code of that authenticator (a factor at least as strong as the one removed).
 */
export function decideRemoveAuthenticator(policy: SecurityPolicy, command: RemoveAuthenticator, state: AccountState): AccountEvent[] {
  requireAccount(state);
  const { now, authenticatorId } = command;
  requireStepUp(state, command.sessionId, now, policy);
  boundAuthenticator(state, authenticatorId);
  const unbound: AccountEvent = { type: 'TotpUnbound', data: { authenticatorId, at: now } };
  const isLastFactor = totpProtectionOn(state) && totpAuthenticators(state).length <= 1;
  if (!isLastFactor) {
    if (command.disableProtection) throw invalidRequest('disableProtection', 'only with the last authenticator of TOTP protection');
    return [unbound, ...endOtherSessions(state, command.sessionId, 'AUTHENTICATOR_REMOVED', now)];
  }
  if (!command.disableProtection) {
    throw new DomainError('LAST_FACTOR', 'the last authenticator of TOTP protection: remove it with disableProtection and a code from it');
  }
  const gate = passLockGate(state, now, 'REMOVE_AUTHENTICATOR', command.rejectedWhileLocked ?? null);
  if (gate.locked) return gate.events;
  const check = checkTotpProof(state, command.proof, { purpose: 'CONFIRM', reference: authenticatorId, now, authenticatorId });
  if (!check.accepted) return [...gate.events, ...totpFailure(policy, gate, 'CONFIRM', authenticatorId, check.reason, now)];
  const { scenes } = state.protection;
  return [
    ...gate.events,
    check.event,
    unbound,
    { type: 'ProtectionDisabled', data: { method: 'TOTP', scenes: [...scenes], verificationId: null, at: now } },
    ...endOtherSessions(state, command.sessionId, 'AUTHENTICATOR_REMOVED', now),
  ];
}

/**
 * Re-centres a drifted authenticator clock (RFC 6238 section 6) with two consecutive codes found
 * within `resyncWindowSteps`. Steps already spent stay spent: a pair at or before the last accepted
 * step is a replay.
 */
export function decideResyncTotp(policy: SecurityPolicy, command: ResyncTotp, state: AccountState): AccountEvent[] {
  requireAccount(state);
  const { now, authenticatorId, match } = command;
  const authenticator = boundAuthenticator(state, authenticatorId);
  const gate = passLockGate(state, now, 'RESYNC_TOTP', command.rejectedWhileLocked ?? null);
  if (gate.locked) return gate.events;
  const fail = (reason: TotpCheckFailed['data']['reason']) => [
    ...gate.events,
    ...totpFailure(policy, gate, 'RESYNC', authenticatorId, reason, now),
  ];
  if (match === null || Math.abs(match.driftSteps) > policy.resyncWindowSteps) return fail('WRONG_CODE');
  const last = authenticator.lastAcceptedTimeStep;
  if (last !== null && match.timeStep - 1 <= last) return fail('REPLAYED_CODE');
  return [
    ...gate.events,
    { type: 'TotpResynchronized', data: { authenticatorId, driftSteps: match.driftSteps, timeStep: match.timeStep, at: now } },
  ];
}

function totpFailure(
  policy: SecurityPolicy,
  counts: FailureCounts,
  purpose: TotpCheckFailed['data']['purpose'],
  reference: string,
  reason: TotpCheckFailed['data']['reason'],
  now: string,
): AccountEvent[] {
  return recordFailure(policy, counts, now, (consecutiveFailures) => ({
    type: 'TotpCheckFailed',
    data: { purpose, reference, reason, consecutiveFailures, at: now },
  }));
}
