import { at, deciderSpec, totpProtected } from '@identity/testing';
import { DEFAULT_SECURITY_POLICY } from './account.commands';
import { accountDecider } from './account.decider';
import { AccountEvent } from './account.events';
import { recoveryCodesRemaining } from './account.state';
import { applyToSecurityView, AccountSecurityView, securityViewOf } from './account-security.view';
import { failureIn } from './account-outcome';

/** Rules where recovery codes meet the password reset and the protection changes. */
const decider = accountDecider(DEFAULT_SECURITY_POLICY);
const spec = deciderSpec(decider);
const fold = (events: AccountEvent[]) => events.reduce(decider.evolve, decider.initialState());
const generated: AccountEvent = {
  type: 'RecoveryCodesGenerated',
  data: {
    setId: 'set-1',
    codes: Array.from({ length: 10 }, (_, i) => ({ salt: `salt-${i}`, hash: `hash-${i}` })),
    reason: 'PROTECTION_ENABLED',
    at: at(40),
  },
};
const resetRequested: AccountEvent = {
  type: 'IdentityVerificationStarted',
  data: {
    verificationId: 'rst-1',
    purpose: 'RESET_PASSWORD',
    channel: 'SMS',
    maskedDestination: '+86*******5678',
    codeHash: 'hash-of-222222',
    expiresAt: at(400),
    scenes: ['LOGON'],
    method: 'TOTP',
    at: at(100),
  },
};
const withCodes = [...totpProtected(), generated, resetRequested];
const reset = (match: { setId: string; index: number } | null) => ({
  type: 'ResetPassword' as const,
  now: at(110),
  verificationId: 'rst-1',
  codeHash: 'hash-of-222222',
  newPasswordHash: '$argon2id$reset',
  secondFactor: { kind: 'RECOVERY_CODE' as const, match },
});

describe('resetPassword with a recovery code in place of the TOTP code', () => {
  it('accepts an unused code of the current set and spends it', () => {
    const events = spec
      .given(withCodes)
      .when(reset({ setId: 'set-1', index: 4 }))
      .events();
    expect(events.map((e) => e.type)).toEqual(['IdentityVerified', 'RecoveryCodeUsed', 'PasswordChanged']);
    expect(events[1]?.data).toMatchObject({ setId: 'set-1', index: 4, purpose: 'RESET_PASSWORD', reference: 'rst-1', remaining: 9 });
    const state = fold([...withCodes, ...events]);
    expect(state.passwordHash).toBe('$argon2id$reset');
    expect(recoveryCodesRemaining(state)).toBe(9);
    expect(state.verifications['rst-1']?.consumed).toBe(true);
  });

  it('refuses a code that matches nothing, counting towards the lock, and keeps the verification', () => {
    const refused = spec.given(withCodes).when(reset(null)).events();
    expect(refused).toEqual([
      {
        type: 'RecoveryCodeCheckFailed',
        data: { purpose: 'RESET_PASSWORD', reference: 'rst-1', reason: 'WRONG_CODE', consecutiveFailures: 1, at: at(110) },
      },
    ]);
    expect(failureIn(refused, { state: fold([...withCodes, ...refused]), now: at(110) })).toEqual({ code: 'INVALID_CODE' });
  });

  it('refuses a code spent already (at logon)', () => {
    const spent: AccountEvent = {
      type: 'RecoveryCodeUsed',
      data: { setId: 'set-1', index: 4, purpose: 'LOGIN', reference: 'ch-1', remaining: 9, at: at(60) },
    };
    spec
      .given([...withCodes, spent])
      .when(reset({ setId: 'set-1', index: 4 }))
      .thenMatch([{ type: 'RecoveryCodeCheckFailed', data: { purpose: 'RESET_PASSWORD', reason: 'USED_CODE' } }]);
  });
});

describe('ProtectionChanged and the recovery codes', () => {
  const changed = (method: 'TOTP' | 'SMS', scenes: ('LOGON' | 'SENSITIVE_OPERATION')[]): AccountEvent => ({
    type: 'ProtectionChanged',
    data: { scenesBefore: ['LOGON'], methodBefore: 'TOTP', scenes, method, verificationId: 'chg-1', at: at(90) },
  });
  const history = [...totpProtected(), generated];

  it('voids them when the change leaves TOTP, in the state and the security view', () => {
    const state = fold([...history, { type: 'TotpUnbound', data: { authenticatorId: 'enr-1', at: at(90) } }, changed('SMS', ['LOGON'])]);
    expect(state.recoveryCodes).toBeNull();
    expect(securityViewOf(state).recoveryCodesRemaining).toBe(0);
  });

  it('keeps them when TOTP stays', () => {
    const state = fold([...history, changed('TOTP', ['LOGON', 'SENSITIVE_OPERATION'])]);
    expect(recoveryCodesRemaining(state)).toBe(10);
    expect(securityViewOf(state).recoveryCodesRemaining).toBe(10);
  });
});

describe('AccountErased and the recovery codes', () => {
  it('leaves none, in the state and in the folded security view alike', () => {
    const erased: AccountEvent = { type: 'AccountErased', data: { by: 'ADMIN', sessionId: null, verificationId: null, at: at(90) } };
    const history = [...totpProtected(), generated, erased];
    const state = fold(history);
    const folded = history.reduce<AccountSecurityView | null>(applyToSecurityView, null);
    expect(state.recoveryCodes).toBeNull();
    expect(folded).toEqual(securityViewOf(state));
    expect(folded?.recoveryCodesRemaining).toBe(0);
  });
});
