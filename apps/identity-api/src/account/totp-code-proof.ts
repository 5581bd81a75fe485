import { AccountState, FactorProof, Instant, totpAuthenticators } from '@identity/domain';
import { matchTotpStep, SecretBox } from '@identity/security';

/**
 * What a typed TOTP code proves, as a fact for the domain: the bound authenticator it matches (one
 * whose step is still unspent first) and the time step, or null when it matches none. The domain
 * then decides whether the step is still unspent (completeLogin, stepUp).
 */
export function totpCodeProof(secrets: SecretBox, accountId: string, state: AccountState, code: string, now: Instant): FactorProof | null {
  const matches = totpAuthenticators(state).flatMap((a) => {
    const timeStep = matchTotpStep({ secret: secrets.decrypt(accountId, a.secret), code, at: new Date(now) });
    if (timeStep === null) return [];
    const fresh = a.lastAcceptedTimeStep === null || timeStep > a.lastAcceptedTimeStep;
    return [{ proof: { kind: 'TOTP' as const, authenticatorId: a.authenticatorId, timeStep }, fresh }];
  });
  return (matches.find((m) => m.fresh) ?? matches[0])?.proof ?? null;
}
