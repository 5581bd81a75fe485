import { at, deciderSpec, enrollmentStarted, identityVerified, registered, totpProtected, verificationStarted } from '@identity/testing';
import { addSeconds } from '../shared/time';
import { accountDecider } from './account.decider';
import { DEFAULT_SECURITY_POLICY } from './account.commands';
import { AccountEvent } from './account.events';
import { applyToSecurityView } from './account-security.view';
import { evolveAccount } from './account.evolve';
import { initialAccountState } from './account.state';
import { secondFactorForLogon } from './decide-login';

const spec = deciderSpec(accountDecider(DEFAULT_SECURITY_POLICY));
const fold = (events: AccountEvent[]) => events.reduce(evolveAccount, initialAccountState());

const request = (channel: 'SMS' | 'EMAIL' = 'SMS', now = at(100)) => ({
  type: 'RequestProtectionDisable' as const,
  now,
  verificationId: 'dis-1',
  channel,
  codeHash: 'hash-of-654321',
});
/** A fresh code of `enr-1` (step 1000 is spent in totpProtected): removing TOTP protection needs one. */
const TOTP_CODE = { proof: { kind: 'TOTP' as const, authenticatorId: 'enr-1', timeStep: 1001 } };
const disable = (codeHash = 'hash-of-654321', now = at(110), verificationId = 'dis-1') => ({
  type: 'DisableProtection' as const,
  now,
  verificationId,
  codeHash,
  secondFactor: TOTP_CODE,
});
const disableRequested = (startedAt = at(100)): AccountEvent => ({
  type: 'IdentityVerificationStarted',
  data: {
    verificationId: 'dis-1',
    purpose: 'DISABLE_PROTECTION',
    channel: 'SMS',
    maskedDestination: '+86*******5678',
    codeHash: 'hash-of-654321',
    expiresAt: addSeconds(startedAt, 300),
    scenes: ['LOGON'],
    method: 'TOTP',
    at: startedAt,
  },
});
const smsProtected = (): AccountEvent[] => [
  registered(),
  verificationStarted('ver-1', 'SMS'),
  identityVerified(),
  { type: 'ProtectionEnabled', data: { scenes: ['LOGON'], method: 'SMS', verificationId: 'ver-1', at: at(20) } },
];
const disabledHistory = () => {
  const history = [...totpProtected(), disableRequested()];
  return [...history, ...spec.given(history).when(disable()).events()];
};

describe('RequestProtectionDisable', () => {
  it('starts a verification for disabling, recording the protection in force', () =>
    spec.given(totpProtected()).when(request()).then([disableRequested()]));
  it('sends by email too, masked', () =>
    spec
      .given(totpProtected())
      .when(request('EMAIL'))
      .thenMatch([
        {
          type: 'IdentityVerificationStarted',
          data: { purpose: 'DISABLE_PROTECTION', channel: 'EMAIL', maskedDestination: 'a***e@example.com' },
        },
      ]));
  it('refuses when protection is not enabled', () => {
    spec.given([registered()]).when(request()).thenThrows('PROTECTION_NOT_ENABLED');
    spec.given([registered(), verificationStarted(), identityVerified()]).when(request()).thenThrows('PROTECTION_NOT_ENABLED');
  });
  it('refuses a channel the account has no destination for', () => {
    const noPhone = [registered({ phone: null, maskedPhone: null }), ...totpProtected().slice(1)];
    spec.given(noPhone).when(request('SMS')).thenThrows('INVALID_REQUEST', 'verifyBy');
    const noEmail = [registered({ email: null, maskedEmail: null }), ...totpProtected().slice(1)];
    spec.given(noEmail).when(request('EMAIL')).thenThrows('INVALID_REQUEST', 'verifyBy');
  });
  it('refuses an unknown account', () => spec.given([]).when(request()).thenThrows('ACCOUNT_NOT_FOUND'));
});

describe('DisableProtection', () => {
  const history = () => [...totpProtected(), disableRequested()];

  it('proves the person, unbinds the authenticator and turns protection off', () =>
    spec
      .given(history())
      .when(disable())
      .then([
        { type: 'IdentityVerified', data: { verificationId: 'dis-1', validUntil: at(710), at: at(110) } },
        {
          type: 'TotpCodeAccepted',
          data: { authenticatorId: 'enr-1', timeStep: 1001, purpose: 'PROTECTION_CHANGE', reference: 'dis-1', at: at(110) },
        },
        { type: 'TotpUnbound', data: { authenticatorId: 'enr-1', at: at(110) } },
        { type: 'ProtectionDisabled', data: { method: 'TOTP', scenes: ['LOGON'], verificationId: 'dis-1', at: at(110) } },
      ]));

  it('turns SMS protection off without an authenticator to unbind', () => {
    const sms = [...smsProtected(), { ...disableRequested(), data: { ...disableRequested().data, method: 'SMS' } } as AccountEvent];
    spec
      .given(sms)
      .when(disable())
      .thenMatch([{ type: 'IdentityVerified' }, { type: 'ProtectionDisabled', data: { method: 'SMS', scenes: ['LOGON'] } }]);
  });

  it('records a wrong code as a failure that counts towards the lock', () =>
    spec
      .given(history())
      .when(disable('wrong'))
      .then([
        {
          type: 'VerificationFailed',
          data: { verificationId: 'dis-1', reason: 'WRONG_CODE', attempts: 1, consecutiveFailures: 1, at: at(110) },
        },
      ]));

  it('locks the account at the threshold', () => {
    const failed = (n: number): AccountEvent => ({
      type: 'VerificationFailed',
      data: { verificationId: 'dis-1', reason: 'WRONG_CODE', attempts: n, consecutiveFailures: n, at: at(105) },
    });
    spec
      .given([...history(), ...[1, 2, 3, 4].map(failed)])
      .when(disable('wrong'))
      .thenMatch([
        { type: 'VerificationFailed', data: { reason: 'WRONG_CODE', consecutiveFailures: 5 } },
        { type: 'AccountLocked', data: { lockedUntil: at(110 + 900) } },
      ]);
  });

  it('rejects even the right code while locked', () => {
    const locked: AccountEvent = {
      type: 'AccountLocked',
      data: { scope: 'SECOND_FACTOR', addressKey: null, level: 1, lockedUntil: at(500), consecutiveFailures: 5, at: at(105) },
    };
    spec
      .given([...history(), locked])
      .when(disable())
      .then([{ type: 'AttemptRejectedWhileLocked', data: { operation: 'DISABLE_PROTECTION', lockedUntil: at(500), at: at(110) } }]);
  });

  it('refuses an expired code, exhausted attempts and an unknown verification', () => {
    spec
      .given(history())
      .when(disable('hash-of-654321', at(400)))
      .thenMatch([{ type: 'VerificationFailed', data: { reason: 'EXPIRED' } }]);
    const wrong = (n: number): AccountEvent => ({
      type: 'VerificationFailed',
      data: { verificationId: 'dis-1', reason: 'WRONG_CODE', attempts: n, consecutiveFailures: 0, at: at(105) },
    });
    spec
      .given([...history(), ...[1, 2, 3, 4, 5].map(wrong)])
      .when(disable())
      .thenMatch([{ type: 'VerificationFailed', data: { reason: 'ATTEMPTS_EXHAUSTED' } }]);
    spec
      .given(history())
      .when(disable('hash-of-654321', at(110), 'dis-x'))
      .thenMatch([{ type: 'VerificationFailed', data: { reason: 'UNKNOWN_REFERENCE' } }]);
  });

  it('does not take a verification started for enabling, even with its right code', () => {
    const pendingEnable = [...totpProtected(), verificationStarted('ver-2', 'SMS', at(100))];
    spec
      .given(pendingEnable)
      .when(disable('hash-of-123456', at(110), 'ver-2'))
      .then([
        {
          type: 'VerificationFailed',
          data: { verificationId: 'ver-2', reason: 'UNKNOWN_REFERENCE', attempts: 0, consecutiveFailures: 1, at: at(110) },
        },
      ]);
  });

  it('answers a repeat of the used right code with nothing, and never disables twice', () =>
    spec
      .given(disabledHistory())
      .when(disable('hash-of-654321', at(120)))
      .then([]));

  it('leaves state and view with protection off and no authenticator: login needs no second factor', () => {
    const events = disabledHistory();
    const state = fold(events);
    expect(state.protection).toEqual({ enabled: false, scenes: [], method: null });
    expect(state.authenticators).toEqual({});
    expect(secondFactorForLogon(state)).toBeNull();
    expect(events.reduce(applyToSecurityView, null)).toMatchObject({
      protectionEnabled: false,
      scenes: [],
      method: null,
      totpBound: false,
      totpBoundAt: null,
      updatedAt: at(110),
    });
    spec
      .given(events)
      .when({ type: 'Login', now: at(130), passwordValid: true, sessionId: 's', challengeId: 'c', challengeCodeHash: null })
      .thenMatch([{ type: 'LoginSucceeded', data: { method: 'PASSWORD', challengeId: null } }]);
  });

  it('voids the other disable codes still pending once protection is off, even if it is turned on again', () => {
    const second: AccountEvent = {
      type: 'IdentityVerificationStarted',
      data: {
        verificationId: 'dis-2',
        purpose: 'DISABLE_PROTECTION',
        channel: 'SMS',
        maskedDestination: '+86*******5678',
        codeHash: 'hash-of-111111',
        expiresAt: addSeconds(at(105), 300),
        scenes: ['LOGON'],
        method: 'TOTP',
        at: at(105),
      },
    };
    const history = [...totpProtected(), disableRequested(), second];
    const off = [...history, ...spec.given(history).when(disable()).events()];
    const onAgain: AccountEvent = {
      type: 'ProtectionEnabled',
      data: { scenes: ['LOGON'], method: 'SMS', verificationId: 'ver-1', at: at(150) },
    };
    spec
      .given([...off, onAgain])
      .when(disable('hash-of-111111', at(160), 'dis-2'))
      .thenMatch([{ type: 'VerificationFailed', data: { verificationId: 'dis-2', reason: 'UNKNOWN_REFERENCE' } }]);
  });

  it('cannot be asked again once off', () =>
    spec
      .given(disabledHistory())
      .when(request('SMS', at(130)))
      .thenThrows('PROTECTION_NOT_ENABLED'));
});

describe('after disabling', () => {
  it('refuses the disabling verification for verifyIdentity and beginTotpBinding', () => {
    const pending = [...totpProtected(), disableRequested()];
    spec
      .given(pending)
      .when({ type: 'VerifyIdentity', now: at(110), verificationId: 'dis-1', codeHash: 'hash-of-654321' })
      .thenMatch([{ type: 'VerificationFailed', data: { reason: 'UNKNOWN_REFERENCE', consecutiveFailures: 1 } }]);
    spec
      .given(disabledHistory())
      .when({ type: 'BeginTotpBinding', now: at(120), verificationId: 'dis-1', enrollmentId: 'enr-2', secret: 'enc:v1:s2' })
      .thenThrows('VERIFICATION_REQUIRED');
  });

  it('enables again through the whole flow, and the new authenticator keeps its own replay rule', () => {
    const again = [
      ...disabledHistory(),
      verificationStarted('ver-2', 'TOTP', at(200)),
      identityVerified('ver-2', at(210)),
      {
        ...enrollmentStarted('enr-2', at(220)),
        data: { ...enrollmentStarted('enr-2', at(220)).data, verificationId: 'ver-2', secret: 'enc:v1:s2' },
      } as AccountEvent,
    ];
    const bound = [
      ...again,
      ...spec
        .given(again)
        .when({ type: 'BindTotp', now: at(230), enrollmentId: 'enr-2', matchedTimeStep: 990 })
        .events(),
    ];
    expect(bound.slice(again.length).map((e) => e.type)).toEqual(['TotpCodeAccepted', 'TotpBound', 'ProtectionEnabled']);
    expect(fold(bound).authenticators).toEqual({
      'enr-2': {
        kind: 'TOTP',
        authenticatorId: 'enr-2',
        name: 'Authenticator',
        secret: 'enc:v1:s2',
        boundAt: at(230),
        lastUsedAt: null,
        lastAcceptedTimeStep: 990,
        driftSteps: 0,
      },
    });
    const challenged = [
      ...bound,
      {
        type: 'MfaChallengeIssued',
        data: { challengeId: 'ch-9', method: 'TOTP', codeHash: null, expiresAt: at(540), at: at(240) },
      } as AccountEvent,
    ];
    const complete = (matchedTimeStep: number) => ({
      type: 'CompleteLogin' as const,
      now: at(250),
      challengeId: 'ch-9',
      sessionId: 's',
      proof: { kind: 'TOTP' as const, authenticatorId: 'enr-2', timeStep: matchedTimeStep },
    });
    spec
      .given(challenged)
      .when(complete(990))
      .thenMatch([{ type: 'TotpCheckFailed', data: { reason: 'REPLAYED_CODE' } }]);
    spec
      .given(challenged)
      .when(complete(991))
      .thenMatch([
        { type: 'TotpCodeAccepted', data: { authenticatorId: 'enr-2', timeStep: 991 } },
        { type: 'LoginSucceeded', data: { method: 'TOTP' } },
      ]);
    expect(bound.reduce(applyToSecurityView, null)).toMatchObject({ protectionEnabled: true, totpBound: true, totpBoundAt: at(230) });
  });
});
