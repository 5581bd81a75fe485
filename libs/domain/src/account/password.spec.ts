import { at, deciderSpec, lockedOut, registered, totpProtected } from '@identity/testing';
import { DEFAULT_SECURITY_POLICY } from './account.commands';
import { accountDecider } from './account.decider';
import { AccountEvent } from './account.events';
import { failureIn } from './account-outcome';

const decider = accountDecider(DEFAULT_SECURITY_POLICY);
const spec = deciderSpec(decider);
const fold = (events: AccountEvent[]) => events.reduce(decider.evolve, decider.initialState());

const change = (currentPasswordValid: boolean, now = at(100)) => ({
  type: 'ChangePassword' as const,
  now,
  sessionId: 'ses-1',
  currentPasswordValid,
  newPasswordHash: currentPasswordValid ? '$argon2id$new' : null,
});
const requestReset = (channel: 'SMS' | 'EMAIL' = 'SMS') => ({
  type: 'RequestPasswordReset' as const,
  now: at(100),
  verificationId: 'rst-1',
  channel,
  codeHash: 'hash-of-222222',
});
const reset = (
  overrides: Partial<{ codeHash: string; secondFactor: { kind: 'TOTP'; authenticatorId: string; timeStep: number } | null }> = {},
) => ({
  type: 'ResetPassword' as const,
  now: at(110),
  verificationId: 'rst-1',
  codeHash: 'hash-of-222222',
  newPasswordHash: '$argon2id$reset',
  secondFactor: null,
  ...overrides,
});
const resetRequested = (history: AccountEvent[], channel: 'SMS' | 'EMAIL' = 'SMS') => [
  ...history,
  ...spec.given(history).when(requestReset(channel)).events(),
];

describe('ChangePassword', () => {
  it('records the new hash with the acting session, and the state takes it', () => {
    const events = spec.given([registered()]).when(change(true)).events();
    expect(events).toEqual([
      {
        type: 'PasswordChanged',
        data: { passwordHash: '$argon2id$new', reason: 'CHANGE', sessionId: 'ses-1', verificationId: null, at: at(100) },
      },
    ]);
    expect(fold([registered(), ...events]).passwordHash).toBe('$argon2id$new');
  });

  it('records a wrong current password as PasswordCheckFailed, counting towards the lock', () => {
    const fourFailed = [
      registered(),
      ...[1, 2, 3, 4].map((n): AccountEvent => ({
        type: 'PasswordCheckFailed',
        data: { consecutiveFailures: n, addressKey: null, windowStartedAt: null, windowFailures: null, at: at(n) },
      })),
    ];
    const events = spec.given(fourFailed).when(change(false)).events();
    expect(events.map((e) => e.type)).toEqual(['PasswordCheckFailed', 'AccountLocked']);
    expect(failureIn(events, { state: fold([...fourFailed, ...events]), now: at(100) })?.code).toBe('ACCOUNT_LOCKED');
    expect(failureIn(spec.given([registered()]).when(change(false)).events(), { state: fold([registered()]), now: at(100) })).toEqual({
      code: 'INVALID_CREDENTIALS',
    });
  });

  it('is refused while locked, whatever the password', () =>
    spec
      .given([registered(), ...lockedOut(at(50))])
      .when(change(true))
      .then([{ type: 'AttemptRejectedWhileLocked', data: { operation: 'CHANGE_PASSWORD', lockedUntil: at(950), at: at(100) } }]));
});

describe('RequestPasswordReset and ResetPassword', () => {
  it('starts a RESET_PASSWORD verification to the account’s own destination', () =>
    spec
      .given([registered()])
      .when(requestReset())
      .thenMatch([
        { type: 'IdentityVerificationStarted', data: { purpose: 'RESET_PASSWORD', channel: 'SMS', maskedDestination: '+86*******5678' } },
      ]));

  it('resets an unprotected account with the code alone, once', () => {
    const history = resetRequested([registered()]);
    const events = spec.given(history).when(reset()).events();
    expect(events.map((e) => e.type)).toEqual(['IdentityVerified', 'PasswordChanged']);
    expect(events[1]?.data).toMatchObject({ reason: 'RESET', verificationId: 'rst-1', sessionId: null });
    expect(fold([...history, ...events]).passwordHash).toBe('$argon2id$reset');
    spec
      .given([...history, ...events])
      .when(reset())
      .then([]);
  });

  it('gives a disabled account no reset code, and does not reset one started before it was disabled', () => {
    const disabled: AccountEvent = { type: 'AccountDisabled', data: { reason: 'PRIMARY', at: at(105) } };
    spec.given([registered(), disabled]).when(requestReset()).thenThrows('ACCOUNT_DISABLED');
    spec
      .given([...resetRequested([registered()]), disabled])
      .when(reset())
      .thenThrows('ACCOUNT_DISABLED');
  });

  it('refuses a wrong code: VerificationFailed', () =>
    spec
      .given(resetRequested([registered()]))
      .when(reset({ codeHash: 'hash-of-999999' }))
      .thenMatch([{ type: 'VerificationFailed', data: { verificationId: 'rst-1', reason: 'WRONG_CODE' } }]));

  it('refuses a TOTP-protected account without its second factor, and keeps the verification for a retry', () => {
    const history = resetRequested(totpProtected());
    const refused = spec.given(history).when(reset()).events();
    expect(refused).toEqual([
      {
        type: 'TotpCheckFailed',
        data: { purpose: 'RESET_PASSWORD', reference: 'rst-1', reason: 'WRONG_CODE', consecutiveFailures: 1, at: at(110) },
      },
    ]);
    expect(failureIn(refused, { state: fold([...history, ...refused]), now: at(110) })).toEqual({ code: 'INVALID_CODE' });
    const withFactor = spec
      .given([...history, ...refused])
      .when(reset({ secondFactor: { kind: 'TOTP', authenticatorId: 'enr-1', timeStep: 1001 } }))
      .events();
    expect(withFactor.map((e) => e.type)).toEqual(['IdentityVerified', 'TotpCodeAccepted', 'PasswordChanged']);
    expect(withFactor[1]?.data).toMatchObject({ purpose: 'RESET_PASSWORD', timeStep: 1001 });
  });

  it('refuses a TOTP code of a step already spent', () =>
    spec
      .given(resetRequested(totpProtected()))
      .when(reset({ secondFactor: { kind: 'TOTP', authenticatorId: 'enr-1', timeStep: 1000 } }))
      .thenMatch([{ type: 'TotpCheckFailed', data: { reason: 'REPLAYED_CODE' } }]));

  it('asks an SMS-protected account for a code sent by SMS, not by email', () => {
    const smsProtected: AccountEvent[] = [
      registered(),
      { type: 'ProtectionEnabled', data: { scenes: ['LOGON'], method: 'SMS', verificationId: 'v', at: at(5) } },
    ];
    spec
      .given(resetRequested(smsProtected, 'EMAIL'))
      .when(reset())
      .thenMatch([{ type: 'VerificationFailed', data: { reason: 'UNKNOWN_REFERENCE' } }]);
    spec
      .given(resetRequested(smsProtected, 'SMS'))
      .when(reset())
      .thenMatch([{ type: 'IdentityVerified' }, { type: 'PasswordChanged' }]);
  });

  it('does not take a verification started for anything else', () => {
    const history: AccountEvent[] = [
      registered(),
      {
        ...resetRequested([registered()])[1],
        data: { ...(resetRequested([registered()])[1]?.data as object), purpose: 'ERASE_ACCOUNT' },
      } as AccountEvent,
    ];
    spec
      .given(history)
      .when(reset())
      .thenMatch([{ type: 'VerificationFailed', data: { reason: 'UNKNOWN_REFERENCE' } }]);
  });
});
