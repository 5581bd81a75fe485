import {
  addAuthenticatorVerified,
  at,
  challengeIssued,
  deciderSpec,
  enrollmentStarted,
  identityVerified,
  registered,
  totpProtected,
  verificationStarted,
} from '@identity/testing';
import { DEFAULT_SECURITY_POLICY } from '../../account.commands';
import { accountDecider } from '../../account.decider';
import { AccountEvent } from '../../account.events';
import { securityViewOf } from '../../account-security.view';
import { toIntegrationEvents } from '../../../integration/integration-events';

const decider = accountDecider(DEFAULT_SECURITY_POLICY);
const spec = deciderSpec(decider);
const fold = (events: AccountEvent[]) => events.reduce(decider.evolve, decider.initialState());
const hashes = (prefix: string, n = 10) =>
  Array.from({ length: n }, (_, i) => ({ salt: `${prefix}-salt-${i}`, hash: `${prefix}-hash-${i}` }));
const generated = (setId = 'set-1', reason: 'PROTECTION_ENABLED' | 'REGENERATED' = 'PROTECTION_ENABLED', when = at(40)): AccountEvent => ({
  type: 'RecoveryCodesGenerated',
  data: { setId, codes: hashes(setId), reason, at: when },
});
const withCodes = () => [...totpProtected(), generated()];
const complete = (proof: { setId: string; index: number } | null, now = at(110), challengeId = 'ch-1') => ({
  type: 'CompleteLogin' as const,
  now,
  challengeId,
  sessionId: 's-1',
  proof: { kind: 'RECOVERY_CODE' as const, match: proof },
});

describe('recovery codes at the binding that turns TOTP protection on', () => {
  const begun = [registered(), verificationStarted(), identityVerified(), enrollmentStarted()];
  const bind = (recoveryCodes: { setId: string; codes: { salt: string; hash: string }[] } | null) => ({
    type: 'BindTotp' as const,
    now: at(40),
    enrollmentId: 'enr-1',
    matchedTimeStep: 1000,
    recoveryCodes,
  });

  it('stores the first set with it, hashed only', () =>
    spec
      .given(begun)
      .when(bind({ setId: 'set-1', codes: hashes('set-1') }))
      .thenMatch([
        { type: 'TotpCodeAccepted' },
        { type: 'TotpBound' },
        { type: 'ProtectionEnabled' },
        { type: 'RecoveryCodesGenerated', data: { setId: 'set-1', codes: hashes('set-1'), reason: 'PROTECTION_ENABLED' } },
      ]));

  it('stores none on a further device, nor when a set exists already', () => {
    const verified = [...withCodes(), ...addAuthenticatorVerified()];
    const second = [...verified, enrollmentStarted('enr-2', at(60), { verificationId: 'add-1', purpose: 'ADD_AUTHENTICATOR' })];
    const events = spec
      .given(second)
      .when({ ...bind({ setId: 'set-2', codes: hashes('set-2') }), enrollmentId: 'enr-2', matchedTimeStep: 2000 })
      .events();
    expect(events.map((e) => e.type)).toEqual(['TotpCodeAccepted', 'TotpBound']);
  });

  it('counts them in the security view, the same as the projection fold', () => {
    expect(securityViewOf(fold(withCodes())).recoveryCodesRemaining).toBe(10);
    expect(securityViewOf(fold(totpProtected())).recoveryCodesRemaining).toBe(0);
  });
});

describe('a recovery code at logon', () => {
  const given = () => [...withCodes(), challengeIssued('ch-1', at(100))];

  it('logs on once, in place of a TOTP code, and the session says RECOVERY_CODE', () =>
    spec
      .given(given())
      .when(complete({ setId: 'set-1', index: 3 }))
      .thenMatch([
        { type: 'RecoveryCodeUsed', data: { setId: 'set-1', index: 3, purpose: 'LOGIN', reference: 'ch-1', remaining: 9 } },
        { type: 'LoginSucceeded', data: { sessionId: 's-1', method: 'RECOVERY_CODE', challengeId: 'ch-1' } },
      ]));

  it('is refused the second time: a failure counted towards the lock (INVALID_CODE)', () => {
    const used = [
      ...given(),
      ...spec
        .given(given())
        .when(complete({ setId: 'set-1', index: 3 }))
        .events(),
    ];
    const again = [...used, challengeIssued('ch-2', at(120))];
    expect(securityViewOf(fold(used)).recoveryCodesRemaining).toBe(9);
    spec
      .given(again)
      .when(complete({ setId: 'set-1', index: 3 }, at(130), 'ch-2'))
      .thenMatch([
        { type: 'RecoveryCodeCheckFailed', data: { purpose: 'LOGIN', reference: 'ch-2', reason: 'USED_CODE', consecutiveFailures: 1 } },
      ]);
  });

  it('refuses a code that matched none, or one of a voided set, like a wrong TOTP code', () => {
    spec
      .given(given())
      .when(complete(null))
      .thenMatch([{ type: 'RecoveryCodeCheckFailed', data: { reason: 'WRONG_CODE', consecutiveFailures: 1 } }]);
    const regenerated = [...given(), generated('set-2', 'REGENERATED', at(90))];
    spec
      .given(regenerated)
      .when(complete({ setId: 'set-1', index: 0 }))
      .thenMatch([{ type: 'RecoveryCodeCheckFailed', data: { reason: 'WRONG_CODE' } }]);
    spec
      .given(regenerated)
      .when(complete({ setId: 'set-2', index: 0 }))
      .thenMatch([{ type: 'RecoveryCodeUsed', data: { setId: 'set-2' } }, { type: 'LoginSucceeded' }]);
  });

  it("takes one of the challenge's attempts with each wrong one", () => {
    let history = given();
    for (let n = 0; n < 3; n++) history = [...history, ...spec.given(history).when(complete(null)).events()];
    expect(fold(history).challenges['ch-1']).toBeUndefined();
  });

  it('locks the account after repeated wrong ones', () => {
    // A challenge takes maxAttempts (3) wrong codes: the next ones come with a new challenge.
    let history = withCodes();
    for (let n = 0; n < 5; n++) {
      const challengeId = `ch-${n}`;
      history = [...history, challengeIssued(challengeId, at(100 + n))];
      history = [
        ...history,
        ...spec
          .given(history)
          .when(complete(null, at(101 + n), challengeId))
          .events(),
      ];
    }
    expect(history.slice(-2).map((e) => e.type)).toEqual(['RecoveryCodeCheckFailed', 'AccountLocked']);
    spec
      .given(history)
      .when(complete({ setId: 'set-1', index: 0 }, at(115)))
      .thenMatch([{ type: 'AttemptRejectedWhileLocked' }]);
  });

  it('publishes the use, and the logon as TOTP in login.succeeded.v1', () => {
    const events = spec
      .given(given())
      .when(complete({ setId: 'set-1', index: 3 }))
      .events();
    const published = events.flatMap((event, i) =>
      toIntegrationEvents({
        id: `e-${i}`,
        streamId: 'account-acc-1',
        revision: BigInt(i),
        position: { commit: BigInt(i), prepare: BigInt(i) },
        type: event.type,
        data: event.data as never,
        metadata: {},
        createdAt: new Date(0),
      } as never),
    );
    expect(published.map((e) => [e.type, e.data])).toEqual([
      ['identity.mfa.recovery_code.used.v1', { accountId: 'acc-1', purpose: 'LOGIN', remaining: 9 }],
      ['identity.login.succeeded.v1', { accountId: 'acc-1', method: 'TOTP' }],
    ]);
  });
});

describe('regenerating recovery codes', () => {
  const regenerate = {
    type: 'RegenerateRecoveryCodes' as const,
    now: at(90),
    sessionId: 's-1',
    recoveryCodes: { setId: 'set-2', codes: hashes('set-2') },
  };

  it('voids the old set with a new one', () => {
    spec
      .given(withCodes())
      .when(regenerate)
      .then([{ type: 'RecoveryCodesGenerated', data: { setId: 'set-2', codes: hashes('set-2'), reason: 'REGENERATED', at: at(90) } }]);
    const state = fold([...withCodes(), generated('set-2', 'REGENERATED', at(90))]);
    expect(state.recoveryCodes?.setId).toBe('set-2');
    expect(securityViewOf(state).recoveryCodesRemaining).toBe(10);
  });

  it('needs TOTP protection on', () => {
    spec.given([registered()]).when(regenerate).thenThrows('PROTECTION_NOT_ENABLED');
  });

  it('is void, with the protection, once protection is off', () => {
    const off: AccountEvent = {
      type: 'ProtectionDisabled',
      data: { method: 'TOTP', scenes: ['LOGON'], verificationId: 'dis-1', at: at(95) },
    };
    const state = fold([...withCodes(), off]);
    expect(state.recoveryCodes).toBeNull();
    expect(securityViewOf(state).recoveryCodesRemaining).toBe(0);
  });
});
