import { at, deciderSpec, registered, totpProtected } from '@identity/testing';
import { addSeconds } from '../../shared/time';
import { DEFAULT_SECURITY_POLICY } from '../account.commands';
import { accountDecider } from '../account.decider';
import { AccountEvent } from '../account.events';
import { DEFAULT_SECURITY_PREFERENCE } from '../security-preference/security-preference.events';

const decider = accountDecider(DEFAULT_SECURITY_POLICY);
const spec = deciderSpec(decider);
const fold = (events: AccountEvent[]) => events.reduce(decider.evolve, decider.initialState());
const required = { ...DEFAULT_SECURITY_PREFERENCE, ramUserMfaRequired: true };
const ramUser = () => registered({ accountId: 'ram-1', primaryAccountId: 'primary-1' });
const login = (now = at(100), enrollmentId = 'le-1', preference = required) => ({
  type: 'Login' as const,
  now,
  passwordValid: true,
  sessionId: 's-1',
  challengeId: 'ch-1',
  challengeCodeHash: null,
  addressKey: 'addr-a',
  preference,
  enrollment: { enrollmentId, secret: `enc:v1:${enrollmentId}` },
});
const complete = (matchedTimeStep: number | null, now = at(110), enrollmentId = 'le-1') => ({
  type: 'CompleteEnrollment' as const,
  now,
  enrollmentId,
  sessionId: 's-2',
  addressKey: 'addr-a',
  matchedTimeStep,
});
const started = (enrollmentId = 'le-1', startedAt = at(100)): AccountEvent => ({
  type: 'LogonEnrollmentStarted',
  data: { enrollmentId, secret: `enc:v1:${enrollmentId}`, expiresAt: addSeconds(startedAt, 600), addressKey: 'addr-a', at: startedAt },
});
const enrolled = () => [ramUser(), started(), ...spec.given([ramUser(), started()]).when(complete(2001)).events()];

describe('forced enrollment at logon', () => {
  it('starts an enrollment, with no session, for a RAM user whose primary requires MFA and who has no authenticator', () =>
    spec.given([ramUser()]).when(login()).then([started()]));

  it("also for a RAM user's own mfaRequired, but never for a primary account's own logon", () => {
    const own = { ...fold([ramUser()]), mfaRequired: true };
    expect(decider.decide(login(at(100), 'le-1', DEFAULT_SECURITY_PREFERENCE), own)).toEqual([started()]);
    spec
      .given([registered()])
      .when(login())
      .thenMatch([{ type: 'LoginSucceeded', data: { method: 'PASSWORD' } }]);
  });

  it('binds the secret with two consecutive codes, puts TOTP protection on LOGON in force and logs on', () =>
    spec
      .given([ramUser(), started()])
      .when(complete(2001))
      .then([
        { type: 'TotpCodeAccepted', data: { authenticatorId: 'le-1', timeStep: 2001, purpose: 'BIND', reference: 'le-1', at: at(110) } },
        { type: 'TotpBound', data: { authenticatorId: 'le-1', secret: 'enc:v1:le-1', name: 'Authenticator', at: at(110) } },
        { type: 'ProtectionEnabled', data: { scenes: ['LOGON'], method: 'TOTP', verificationId: 'le-1', at: at(110) } },
        {
          type: 'LoginSucceeded',
          data: {
            sessionId: 's-2',
            method: 'TOTP',
            challengeId: null,
            addressKey: 'addr-a',
            expiresAt: at(1010),
            authenticatorId: 'le-1',
            at: at(110),
          },
        },
      ]));

  it('does not finish an enrollment started before the primary disabled the user', () => {
    const disabled: AccountEvent = { type: 'AccountDisabled', data: { reason: 'PRIMARY', at: at(105) } };
    spec.given([ramUser(), started(), disabled]).when(complete(2001)).thenThrows('ACCOUNT_DISABLED');
  });

  it('spends both steps of the pair: the next logon asks for a code, and neither code of the pair logs on', () => {
    const history = enrolled();
    expect(fold(history).authenticators['le-1']?.lastAcceptedTimeStep).toBe(2001);
    spec
      .given(history)
      .when(login(at(120), 'le-2'))
      .thenMatch([{ type: 'MfaChallengeIssued', data: { method: 'TOTP' } }]);
    const challenged = [
      ...history,
      ...spec
        .given(history)
        .when(login(at(120), 'le-2'))
        .events(),
    ];
    const completeLogin = (timeStep: number) => ({
      type: 'CompleteLogin' as const,
      now: at(125),
      challengeId: 'ch-1',
      sessionId: 's-3',
      proof: { kind: 'TOTP' as const, authenticatorId: 'le-1', timeStep },
    });
    for (const spent of [2000, 2001]) {
      spec
        .given(challenged)
        .when(completeLogin(spent))
        .thenMatch([{ type: 'TotpCheckFailed', data: { reason: 'REPLAYED_CODE' } }]);
    }
    spec
      .given(challenged)
      .when(completeLogin(2002))
      .thenMatch([{ type: 'TotpCodeAccepted' }, { type: 'LoginSucceeded' }]);
  });

  it('never accepts the same enrollment twice: the second time is an unknown reference that counts', () =>
    spec
      .given(enrolled())
      .when(complete(2001, at(115)))
      .then([
        {
          type: 'TotpCheckFailed',
          data: { purpose: 'BIND', reference: 'le-1', reason: 'UNKNOWN_REFERENCE', consecutiveFailures: 1, at: at(115) },
        },
      ]));

  it('records a pair that matched nothing (not consecutive, reversed, wrong) and locks at the threshold', () => {
    let history = [ramUser(), started()];
    for (let i = 1; i <= 5; i++) {
      history = [
        ...history,
        ...spec
          .given(history)
          .when(complete(null, at(100 + i)))
          .events(),
      ];
    }
    expect(history.slice(2).map((e) => e.type)).toEqual([...Array(5).fill('TotpCheckFailed'), 'AccountLocked']);
    expect(history[2]).toMatchObject({ data: { purpose: 'BIND', reason: 'WRONG_CODE', consecutiveFailures: 1 } });
    spec
      .given(history)
      .when(complete(2001, at(110)))
      .thenMatch([{ type: 'AttemptRejectedWhileLocked', data: { operation: 'COMPLETE_LOGIN' } }]);
  });

  it('refuses an expired enrollment', () =>
    spec
      .given([ramUser(), started()])
      .when(complete(2001, at(700)))
      .thenMatch([{ type: 'TotpCheckFailed', data: { reason: 'EXPIRED' } }]));

  it('voids every other pending enrollment once one is bound', () => {
    const two = [ramUser(), started('le-1'), started('le-2', at(101))];
    const bound = [...two, ...spec.given(two).when(complete(2001)).events()];
    expect(fold(bound).logonEnrollments).toEqual({});
    spec
      .given(bound)
      .when(complete(3001, at(111), 'le-2'))
      .thenMatch([{ type: 'TotpCheckFailed', data: { reason: 'UNKNOWN_REFERENCE' } }]);
  });

  it('keeps at most five pending enrollments, the newest', () => {
    const many = [ramUser(), ...[1, 2, 3, 4, 5, 6, 7].map((n) => started(`le-${n}`, at(100 + n)))];
    expect(Object.keys(fold(many).logonEnrollments).sort()).toEqual(['le-3', 'le-4', 'le-5', 'le-6', 'le-7']);
  });

  it('asks a RAM user who must use MFA and already has an authenticator for its code, whatever its protection', () => {
    const history = totpProtected().map((e) => (e.type === 'AccountRegistered' ? ramUser() : e));
    const unprotected = history.filter((e) => e.type !== 'ProtectionEnabled');
    spec
      .given(unprotected)
      .when(login())
      .thenMatch([{ type: 'MfaChallengeIssued', data: { method: 'TOTP' } }]);
  });
});
