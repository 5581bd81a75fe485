import { DomainError } from '../../shared/domain-error';
import { Instant, ProtectionScene, VerificationMethod } from '../../shared/types';
import { SecondFactorSubmission, SecurityPolicy } from '../account.commands';
import { AccountEvent } from '../account.events';
import { AccountState, totpAuthenticators } from '../account.state';
import { checkTotpProof } from '../factors/totp/totp-login';
import { FailureCounts, recordFailure } from './lockout';

/** The protection an operation would leave in force: off, or on with these scenes and method. */
export type ProtectionTarget = { enabled: false } | { enabled: true; scenes: readonly ProtectionScene[]; method: VerificationMethod };

/**
 * Whether going to `target` weakens or removes TOTP protection in force: turning it off, moving to
 * a delivered code (SMS/EMAIL), or dropping a scene. A factor is removed only with a proof of one
 * at least as strong, and a code sent by SMS or email is weaker than TOTP (a swapped SIM, a read
 * mailbox): such a change needs a fresh TOTP code. Adding scenes is never a weakening.
 */
export function weakensTotpProtection(state: AccountState, target: ProtectionTarget): boolean {
  const { enabled, scenes, method } = state.protection;
  if (!enabled || method !== 'TOTP' || totpAuthenticators(state).length === 0) return false;
  if (!target.enabled || target.method !== 'TOTP') return true;
  return scenes.some((scene) => !target.scenes.includes(scene));
}

export const secondFactorRequired = (how = 'send totpCode') =>
  new DomainError(
    'SECOND_FACTOR_REQUIRED',
    `this weakens or removes TOTP protection: it needs a fresh code from a bound authenticator (${how}); a code sent by SMS or email is not enough`,
  );

export type TotpProofCheck = { passed: true; events: AccountEvent[] } | { passed: false; events: AccountEvent[] };

/**
 * The TOTP proof a weakening needs, after the lock gate. None submitted: SECOND_FACTOR_REQUIRED
 * (thrown, nothing recorded). A wrong or spent code is a `TotpCheckFailed` that counts towards the
 * lock; a right one spends its time step (`TotpCodeAccepted`, purpose PROTECTION_CHANGE).
 */
export function checkWeakeningProof(
  policy: SecurityPolicy,
  state: AccountState,
  attempt: { now: Instant; reference: string; secondFactor: SecondFactorSubmission | null; counts: FailureCounts },
): TotpProofCheck {
  const { now, reference, secondFactor, counts } = attempt;
  if (secondFactor === null) throw secondFactorRequired();
  const check = checkTotpProof(state, secondFactor.proof, { purpose: 'PROTECTION_CHANGE', reference, now });
  if (check.accepted) return { passed: true, events: [check.event] };
  return {
    passed: false,
    events: recordFailure(policy, counts, now, (consecutiveFailures) => ({
      type: 'TotpCheckFailed',
      data: { purpose: 'PROTECTION_CHANGE', reference, reason: check.reason, consecutiveFailures, at: now },
    })),
  };
}

/**
 * The event that puts `scenes`/`method` in force: `ProtectionEnabled` when protection is off,
 * `ProtectionChanged` (with what it was) when it is on and differs, nothing when it is the same.
 */
export function protectionApplied(
  state: AccountState,
  target: { scenes: readonly ProtectionScene[]; method: VerificationMethod },
  verificationId: string,
  now: Instant,
): AccountEvent[] {
  const { enabled, scenes, method } = state.protection;
  const after = { scenes: [...target.scenes], method: target.method, verificationId, at: now };
  if (!enabled || method === null) return [{ type: 'ProtectionEnabled', data: after }];
  const same = method === target.method && scenes.length === target.scenes.length && scenes.every((s) => target.scenes.includes(s));
  if (same) return [];
  return [{ type: 'ProtectionChanged', data: { scenesBefore: [...scenes], methodBefore: method, ...after } }];
}

/** Whether the account's phone (SMS) or email (EMAIL) has been proven by a code sent to it. */
export function destinationProven(state: AccountState, channel: 'SMS' | 'EMAIL'): boolean {
  return (channel === 'SMS' ? state.phoneProvenAt : state.emailProvenAt) !== null;
}
