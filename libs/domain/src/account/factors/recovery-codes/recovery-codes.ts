import { DomainError, invalidRequest } from '../../../shared/domain-error';
import { requireStepUp, StepUpPolicy } from '../../kernel/sessions';
import { Instant } from '../../../shared/types';
import { NewRecoveryCodes, RegenerateRecoveryCodes } from '../../account.commands';
import { AccountEvent, RecoveryCodeCheckFailed, RecoveryCodePurpose, RecoveryCodesGenerated } from '../../account.events';
import { AccountState, recoveryCodesRemaining } from '../../account.state';
import { requireAccount } from '../../kernel/account-guards';
import { FactorProof } from '../factor-proof';

/** Whether TOTP protection is on (the protection recovery codes stand in for). */
export function totpProtectionOn(state: AccountState): boolean {
  return state.protection.enabled && state.protection.method === 'TOTP';
}

export function recoveryCodesGenerated(
  codes: NewRecoveryCodes,
  reason: RecoveryCodesGenerated['data']['reason'],
  now: Instant,
): RecoveryCodesGenerated {
  if (codes.codes.length === 0) throw invalidRequest('recoveryCodes', 'a set holds at least one code');
  return { type: 'RecoveryCodesGenerated', data: { setId: codes.setId, codes: codes.codes.map((c) => ({ ...c })), reason, at: now } };
}

/** A new set voids the current one (sensitive: the command carries the acting session). Needs TOTP protection on. */
export function decideRegenerateRecoveryCodes(policy: StepUpPolicy, command: RegenerateRecoveryCodes, state: AccountState): AccountEvent[] {
  requireAccount(state);
  requireStepUp(state, command.sessionId, command.now, policy);
  if (!totpProtectionOn(state)) {
    throw new DomainError('PROTECTION_NOT_ENABLED', 'TOTP protection is not on: recovery codes stand in for its codes');
  }
  return [recoveryCodesGenerated(command.recoveryCodes, 'REGENERATED', command.now)];
}

export type RecoveryCodeCheck =
  { accepted: true; event: AccountEvent } | { accepted: false; reason: RecoveryCodeCheckFailed['data']['reason'] };

/**
 * A recovery-code proof: it must name an unused code of the current set (a code of a voided set
 * names another set id and matches nothing). Using it spends it.
 */
export function checkRecoveryCode(
  state: AccountState,
  proof: FactorProof | null,
  use: { purpose: RecoveryCodePurpose; reference: string; now: Instant },
): RecoveryCodeCheck {
  const set = state.recoveryCodes;
  if (proof === null || proof.kind !== 'RECOVERY_CODE' || proof.match === null || set === null)
    return { accepted: false, reason: 'WRONG_CODE' };
  const { setId, index } = proof.match;
  const code = set.codes[index];
  if (setId !== set.setId || code === undefined) return { accepted: false, reason: 'WRONG_CODE' };
  if (code.usedAt !== null) return { accepted: false, reason: 'USED_CODE' };
  const remaining = recoveryCodesRemaining(state) - 1;
  return {
    accepted: true,
    event: { type: 'RecoveryCodeUsed', data: { setId, index, purpose: use.purpose, reference: use.reference, remaining, at: use.now } },
  };
}
