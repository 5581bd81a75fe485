import { endOtherSessions } from './kernel/sessions';
import { requireStepUp } from './kernel/sessions';
import { DomainError, invalidRequest } from '../shared/domain-error';
import { ChangeProtection, SecurityPolicy } from './account.commands';
import { AccountEvent } from './account.events';
import { AccountState, totpAuthenticators } from './account.state';
import { requireAccount } from './kernel/account-guards';
import { verifiedVerification } from './kernel/enrollments';
import { passLockGate } from './kernel/lockout';
import {
  checkWeakeningProof,
  destinationProven,
  protectionApplied,
  secondFactorRequired,
  weakensTotpProtection,
} from './kernel/protection-strength';

/**
 * Changes the protection in force (scenes, method or both) in one step, with a CHANGE_PROTECTION
 * verification verified by verifyIdentity. Rules:
 * - protection must be on (turning it on is enableProtection; off is disableProtection);
 * - SMS/EMAIL only to a proven destination; TOTP only with an authenticator bound (moving to TOTP
 *   binds one first: enableProtection(method: TOTP), beginTotpBinding, bindTotp);
 * - weakening TOTP protection (another method, a scene fewer) needs a fresh TOTP code: none sent is
 *   SECOND_FACTOR_REQUIRED, a wrong or spent one a TotpCheckFailed (counting towards the lock);
 * - leaving TOTP forgets every bound authenticator, as disabling does;
 * - the change consumes the verification and voids every other pending one and every enrollment.
 */
export function decideChangeProtection(policy: SecurityPolicy, command: ChangeProtection, state: AccountState): AccountEvent[] {
  requireAccount(state);
  const { now, verificationId, method } = command;
  const scenes = [...new Set(command.scenes)];
  if (scenes.length === 0) throw invalidRequest('scenes', 'choose at least one scene');
  const current = state.protection;
  if (!current.enabled || current.method === null) {
    throw new DomainError('PROTECTION_NOT_ENABLED', 'protection is not enabled: turn it on with enableProtection');
  }
  const verification = verifiedVerification(state, verificationId, now);
  if (verification.purpose !== 'CHANGE_PROTECTION') {
    throw new DomainError('VERIFICATION_REQUIRED', 'this verification was not started for changing protection');
  }
  requireStepUp(state, command.sessionId, now, policy);
  if (method === 'TOTP' && totpAuthenticators(state).length === 0) {
    throw new DomainError('VERIFICATION_REQUIRED', 'moving to TOTP binds an authenticator first: enableProtection with method TOTP');
  }
  if (method !== 'TOTP' && !destinationProven(state, method)) {
    throw invalidRequest(
      'method',
      `the ${method === 'SMS' ? 'phone number' : 'email address'} is not proven yet: verify by ${method} first`,
    );
  }
  const applied = protectionApplied(state, { scenes, method }, verificationId, now);
  if (applied.length === 0) throw invalidRequest('scenes', 'this is the protection in force already');
  const weakens = weakensTotpProtection(state, { enabled: true, scenes, method });
  if (weakens && command.secondFactor === null) throw secondFactorRequired();
  const gate = passLockGate(state, now, 'CHANGE_PROTECTION', command.rejectedWhileLocked ?? null);
  if (gate.locked) return gate.events;
  const totp = weakens
    ? checkWeakeningProof(policy, state, {
        now,
        reference: verificationId,
        secondFactor: command.secondFactor,
        counts: gate,
      })
    : { passed: true, events: [] };
  if (!totp.passed) return [...gate.events, ...totp.events];
  const unbound: AccountEvent[] =
    method === 'TOTP'
      ? []
      : totpAuthenticators(state).map((a) => ({ type: 'TotpUnbound', data: { authenticatorId: a.authenticatorId, at: now } }));
  const othersEnded = endOtherSessions(state, command.sessionId, 'PROTECTION_CHANGED', now);
  return [...gate.events, ...totp.events, ...unbound, ...applied, ...othersEnded];
}
