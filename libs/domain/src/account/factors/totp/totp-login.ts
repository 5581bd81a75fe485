import { Instant } from '../../../shared/types';
import { AccountEvent, TotpCodeAccepted } from '../../account.events';
import { AccountState } from '../../account.state';
import { FactorProof } from '../factor-proof';

export type TotpLoginCheck = { accepted: true; event: AccountEvent } | { accepted: false; reason: 'WRONG_CODE' | 'REPLAYED_CODE' };

/**
 * A TOTP proof, for any purpose but binding: it must name a bound TOTP authenticator
 * (`authenticatorId` when given: that one), and its time step must be later than the last one
 * accepted for that same authenticator (a code of one never spends another's step). The accepted
 * step is spent for that authenticator.
 */
export function checkTotpProof(
  state: AccountState,
  proof: FactorProof | null,
  use: { purpose: Exclude<TotpCodeAccepted['data']['purpose'], 'BIND'>; reference: string; now: Instant; authenticatorId?: string },
): TotpLoginCheck {
  if (proof === null || proof.kind !== 'TOTP') return { accepted: false, reason: 'WRONG_CODE' };
  if (use.authenticatorId !== undefined && proof.authenticatorId !== use.authenticatorId) return { accepted: false, reason: 'WRONG_CODE' };
  const authenticator = state.authenticators[proof.authenticatorId];
  if (authenticator === undefined || authenticator.kind !== 'TOTP') return { accepted: false, reason: 'WRONG_CODE' };
  const last = authenticator.lastAcceptedTimeStep;
  if (last !== null && proof.timeStep <= last) return { accepted: false, reason: 'REPLAYED_CODE' };
  return {
    accepted: true,
    event: {
      type: 'TotpCodeAccepted',
      data: {
        authenticatorId: authenticator.authenticatorId,
        timeStep: proof.timeStep,
        purpose: use.purpose,
        reference: use.reference,
        at: use.now,
      },
    },
  };
}

/** A TOTP proof at logon, or at a step-up (`reference` then the session); see checkTotpProof. */
export function checkTotpLogin(
  state: AccountState,
  proof: FactorProof | null,
  reference: string,
  now: Instant,
  purpose: 'LOGIN' | 'STEP_UP' = 'LOGIN',
): TotpLoginCheck {
  return checkTotpProof(state, proof, { purpose, reference, now });
}
