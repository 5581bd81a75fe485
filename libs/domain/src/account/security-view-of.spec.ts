import { at, challengeIssued, deciderSpec, lockedOut, twoTotpAuthenticators } from '@identity/testing';
import { decodeAccountEvent } from './account.registry';
import { DEFAULT_SECURITY_POLICY } from './account.commands';
import { accountDecider } from './account.decider';
import { AccountEvent } from './account.events';
import { AccountSecurityView, applyToSecurityView, securityViewOf } from './account-security.view';

const decider = accountDecider(DEFAULT_SECURITY_POLICY);
const fold = (events: AccountEvent[]) => events.reduce(decider.evolve, decider.initialState());
const viewFold = (events: AccountEvent[]) => events.reduce<AccountSecurityView | null>(applyToSecurityView, null);
const t = (seconds: number) => at(seconds);

/** A whole life as main (before issue 8) stored it: TOTP bound, logons, a lock with refusals, disabled. */
const storedByMain: Array<[string, Record<string, unknown>]> = [
  [
    'AccountRegistered',
    {
      accountId: 'acc-1',
      loginName: 'alice',
      passwordHash: '$argon2id$x',
      email: 'enc:v1:e',
      maskedEmail: 'a***e@example.com',
      phone: null,
      maskedPhone: null,
      primaryAccountId: null,
      at: t(0),
    },
  ],
  [
    'IdentityVerificationStarted',
    {
      verificationId: 'ver-1',
      purpose: 'ENABLE_PROTECTION',
      channel: 'EMAIL',
      maskedDestination: 'a***e@example.com',
      codeHash: 'h1',
      expiresAt: t(310),
      scenes: ['LOGON'],
      method: 'TOTP',
      at: t(10),
    },
  ],
  ['IdentityVerified', { verificationId: 'ver-1', validUntil: t(620), at: t(20) }],
  [
    'TotpEnrollmentStarted',
    { enrollmentId: 'enr-1', verificationId: 'ver-1', scenes: ['LOGON'], secret: 'enc:v1:s', expiresAt: t(630), at: t(30) },
  ],
  ['TotpCodeAccepted', { authenticatorId: 'enr-1', timeStep: 1000, purpose: 'BIND', reference: 'enr-1', at: t(40) }],
  ['TotpBound', { authenticatorId: 'enr-1', secret: 'enc:v1:s', at: t(40) }],
  ['ProtectionEnabled', { scenes: ['LOGON'], method: 'TOTP', verificationId: 'ver-1', at: t(40) }],
  ['PasswordCheckFailed', { consecutiveFailures: 1, at: t(90) }],
  ['MfaChallengeIssued', { challengeId: 'ch-1', method: 'TOTP', codeHash: null, expiresAt: t(400), at: t(100) }],
  ['TotpCodeAccepted', { authenticatorId: 'enr-1', timeStep: 1003, purpose: 'LOGIN', reference: 'ch-1', at: t(110) }],
  ['LoginSucceeded', { sessionId: 'ses-1', method: 'TOTP', challengeId: 'ch-1', at: t(110) }],
  ...[1, 2, 3, 4, 5].map((n): [string, Record<string, unknown>] => ['PasswordCheckFailed', { consecutiveFailures: n, at: t(200) }]),
  ['AccountLocked', { lockedUntil: t(1100), consecutiveFailures: 5, at: t(200) }],
  ...[1, 2, 3].map((n): [string, Record<string, unknown>] => [
    'AttemptRejectedWhileLocked',
    { operation: 'LOGIN', lockedUntil: t(1100), at: t(200 + n) },
  ]),
  ['AccountUnlocked', { reason: 'LOCK_EXPIRED', lockedUntil: t(1100), at: t(1200) }],
  ['LoginSucceeded', { sessionId: 'ses-2', method: 'PASSWORD', challengeId: null, at: t(1200) }],
  [
    'IdentityVerificationStarted',
    {
      verificationId: 'dis-1',
      purpose: 'DISABLE_PROTECTION',
      channel: 'EMAIL',
      maskedDestination: 'a***e@example.com',
      codeHash: 'h2',
      expiresAt: t(1600),
      scenes: ['LOGON'],
      method: 'TOTP',
      at: t(1300),
    },
  ],
  ['IdentityVerified', { verificationId: 'dis-1', validUntil: t(1910), at: t(1310) }],
  ['TotpUnbound', { authenticatorId: 'enr-1', at: t(1310) }],
  ['ProtectionDisabled', { method: 'TOTP', scenes: ['LOGON'], verificationId: 'dis-1', at: t(1310) }],
];
const oldHistory = () => storedByMain.map(([type, data]) => decodeAccountEvent(type, data));

describe('an account stream written by main, read by the new code', () => {
  it('folds the bound authenticator with its bind step, then the logon step, and forgets it when disabled', () => {
    const history = oldHistory();
    expect(fold(history.slice(0, 7)).authenticators).toEqual({
      'enr-1': {
        kind: 'TOTP',
        authenticatorId: 'enr-1',
        name: 'Authenticator',
        secret: 'enc:v1:s',
        boundAt: t(40),
        lastUsedAt: null,
        lastAcceptedTimeStep: 1000,
        driftSteps: 0,
      },
    });
    expect(fold(history.slice(0, 11)).authenticators['enr-1']).toMatchObject({ lastAcceptedTimeStep: 1003, lastUsedAt: t(110) });
    const end = fold(history);
    expect(end).toMatchObject({ authenticators: {}, protection: { enabled: false }, lockedUntil: null, consecutiveFailures: 0 });
    expect(end.recoveryCodes).toBeNull();
  });

  it('keeps the security view main projected (its fields unchanged), now with authenticators', () => {
    const history = oldHistory();
    expect(viewFold(history.slice(0, 11))).toEqual({
      accountId: 'acc-1',
      loginName: 'alice',
      primaryAccountId: null,
      protectionEnabled: true,
      scenes: ['LOGON'],
      method: 'TOTP',
      totpBound: true,
      totpBoundAt: t(40),
      lockedUntil: null,
      erased: false,
      updatedAt: t(40),
      authenticators: [{ id: 'enr-1', kind: 'TOTP', name: 'Authenticator', boundAt: t(40), lastUsedAt: t(110), driftSteps: 0 }],
      recoveryCodesRemaining: 0,
    });
    expect(viewFold(history)).toMatchObject({
      protectionEnabled: false,
      totpBound: false,
      totpBoundAt: null,
      lockedUntil: null,
      updatedAt: t(1310),
      authenticators: [],
    });
  });

  it('needs the second factor again after the fold, and knows the spent step', () => {
    const bound = [...oldHistory().slice(0, 11), challengeIssued('ch-2', t(120))];
    const spec = deciderSpec(decider);
    const complete = (timeStep: number) => ({
      type: 'CompleteLogin' as const,
      now: t(130),
      challengeId: 'ch-2',
      sessionId: 's',
      proof: { kind: 'TOTP' as const, authenticatorId: 'enr-1', timeStep },
    });
    spec
      .given(bound)
      .when(complete(1003))
      .thenMatch([{ type: 'TotpCheckFailed', data: { reason: 'REPLAYED_CODE' } }]);
    spec
      .given(bound)
      .when(complete(1004))
      .thenMatch([{ type: 'TotpCodeAccepted' }, { type: 'LoginSucceeded' }]);
  });
});

describe('securityViewOf(state)', () => {
  const histories: Record<string, () => AccountEvent[]> = {
    'written by main': oldHistory,
    'two authenticators, a logon and a lock': () => {
      const base = [...twoTotpAuthenticators(), challengeIssued('ch-1', at(100))];
      const logon = decider.decide(
        {
          type: 'CompleteLogin',
          now: at(110),
          challengeId: 'ch-1',
          sessionId: 's',
          proof: { kind: 'TOTP', authenticatorId: 'enr-2', timeStep: 2001 },
        },
        fold(base),
      );
      return [...base, ...logon, ...lockedOut(at(200))];
    },
    'address locks, the cap across addresses and a lock until an unlock': () => {
      const strict = accountDecider({ ...DEFAULT_SECURITY_POLICY, lockoutThreshold: 3, passwordFailureCap: 6, secondFactorFailureCap: 3 });
      const wrongPassword = (addressKey: string, s: number) =>
        ({
          type: 'Login',
          now: at(s),
          passwordValid: false,
          sessionId: 's',
          challengeId: 'c',
          challengeCodeHash: null,
          addressKey,
        }) as const;
      const wrongCode = (s: number) => ({ type: 'CompleteLogin', now: at(s), challengeId: 'ch-1', sessionId: 's', proof: null }) as const;
      const commands = [
        ...[300, 301, 302].map((s) => wrongPassword('a', s)),
        ...[303, 304, 305].map((s) => wrongPassword('b', s)),
        ...[1300, 1301, 1302].map(wrongCode),
        { type: 'UnlockAccount', now: at(1400) } as const,
      ];
      return commands.reduce(
        (history, command) => [...history, ...strict.decide(command, fold(history))],
        [...twoTotpAuthenticators(), challengeIssued('ch-1', at(1299))],
      );
    },
  };

  it.each(Object.keys(histories))('equals the fold of applyToSecurityView after every event (%s)', (name) => {
    const history = histories[name]?.() ?? [];
    for (let n = 1; n <= history.length; n++) {
      const prefix = history.slice(0, n);
      expect({ n, view: securityViewOf(fold(prefix)) }).toEqual({ n, view: viewFold(prefix) });
    }
  });

  it('shows the cap and a lock until an unlock, and not a lock of one address', () => {
    const history = histories['address locks, the cap across addresses and a lock until an unlock']?.() ?? [];
    const viewAfter = (type: string, n = 1) => {
      const index = history.findIndex((e, i) => e.type === type && history.slice(0, i + 1).filter((x) => x.type === type).length === n);
      return viewFold(history.slice(0, index + 1))?.lockedUntil;
    };
    expect(history.filter((e) => e.type === 'AccountLocked').map((e) => e.data)).toMatchObject([
      { scope: 'ADDRESS' },
      { scope: 'ADDRESS' },
      { scope: 'ACCOUNT' },
      { scope: 'SECOND_FACTOR', lockedUntil: null },
    ]);
    expect(viewAfter('AccountLocked', 1)).toBeNull();
    expect(viewAfter('AccountLocked', 3)).toBe(at(305 + 900));
    expect(viewAfter('AccountLocked', 4)).toBe('9999-12-31T23:59:59.999Z');
    expect(viewFold(history)?.lockedUntil).toBeNull();
  });

  it('has no view of an account that does not exist', () =>
    expect(() => securityViewOf(decider.initialState())).toThrow(expect.objectContaining({ code: 'ACCOUNT_NOT_FOUND' })));
});
