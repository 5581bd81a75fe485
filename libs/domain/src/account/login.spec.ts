import { at, challengeIssued, deciderSpec, registered, totpProtected } from '@identity/testing';
import { accountDecider } from './account.decider';
import { DEFAULT_SECURITY_POLICY } from './account.commands';
import { AccountEvent } from './account.events';

const spec = deciderSpec(accountDecider(DEFAULT_SECURITY_POLICY));
const login = (passwordValid: boolean, now = at(100)) => ({
  type: 'Login' as const,
  now,
  passwordValid,
  sessionId: 'ses-1',
  challengeId: 'ch-1',
  challengeCodeHash: null,
  addressKey: 'addr-a',
});

describe('RegisterAccount', () => {
  const command = {
    type: 'RegisterAccount' as const,
    now: at(0),
    accountId: 'acc-1',
    loginName: 'alice',
    passwordHash: '$argon2id$hash',
    email: 'enc:v1:e',
    maskedEmail: 'a***e@example.com',
    phone: 'enc:v1:p',
    maskedPhone: '+86*******5678',
    primaryAccountId: null,
  };
  it('registers a new account', () => spec.given([]).when(command).then([registered()]));
  it('refuses an account id that exists', () => spec.given([registered()]).when(command).thenThrows('ACCOUNT_EXISTS', 'accountId'));
});

describe('Login (password step)', () => {
  it('succeeds with the password alone when protection does not cover logon', () =>
    spec
      .given([registered()])
      .when(login(true))
      .then([
        {
          type: 'LoginSucceeded',
          data: {
            sessionId: 'ses-1',
            method: 'PASSWORD',
            challengeId: null,
            addressKey: 'addr-a',
            expiresAt: at(1000),
            authenticatorId: null,
            at: at(100),
          },
        },
      ]));

  it('issues a TOTP challenge when logon is protected by a bound authenticator', () =>
    spec
      .given(totpProtected())
      .when(login(true))
      .then([challengeIssued('ch-1', at(100))]));

  it('records a wrong password as a failure', () =>
    spec
      .given([registered()])
      .when(login(false))
      .then([
        {
          type: 'PasswordCheckFailed',
          data: { consecutiveFailures: 1, addressKey: 'addr-a', windowStartedAt: at(100), windowFailures: 1, at: at(100) },
        },
      ]));

  it('refuses an unknown account', () => spec.given([]).when(login(true)).thenThrows('ACCOUNT_NOT_FOUND'));

  it('issues a code challenge when logon is protected by SMS', () => {
    const smsProtected: AccountEvent[] = [
      registered(),
      { type: 'ProtectionEnabled', data: { scenes: ['LOGON'], method: 'SMS', verificationId: 'v', at: at(50) } },
    ];
    spec
      .given(smsProtected)
      .when({ ...login(true), challengeCodeHash: 'h' })
      .thenMatch([
        { type: 'MfaChallengeIssued', data: { challengeId: 'ch-1', method: 'SMS', codeHash: 'h', expiresAt: at(400), at: at(100) } },
      ]);
  });

  it('does not ask for a second factor when only sensitive operations are protected', () => {
    const history: AccountEvent[] = [
      registered(),
      { type: 'ProtectionEnabled', data: { scenes: ['SENSITIVE_OPERATION'], method: 'SMS', verificationId: 'v', at: at(50) } },
    ];
    spec
      .given(history)
      .when(login(true))
      .thenMatch([{ type: 'LoginSucceeded' }]);
  });
});

describe('CompleteLogin (TOTP step)', () => {
  const complete = (matchedTimeStep: number | null, now = at(110), challengeId = 'ch-1') => ({
    type: 'CompleteLogin' as const,
    now,
    challengeId,
    sessionId: 'ses-2',
    proof: matchedTimeStep === null ? null : { kind: 'TOTP' as const, authenticatorId: 'enr-1', timeStep: matchedTimeStep },
  });
  const withChallenge = () => [...totpProtected(), challengeIssued()];

  it('accepts a code of a later time step and logs on', () =>
    spec
      .given(withChallenge())
      .when(complete(1001))
      .then([
        { type: 'TotpCodeAccepted', data: { authenticatorId: 'enr-1', timeStep: 1001, purpose: 'LOGIN', reference: 'ch-1', at: at(110) } },
        {
          type: 'LoginSucceeded',
          data: {
            sessionId: 'ses-2',
            method: 'TOTP',
            challengeId: 'ch-1',
            addressKey: 'addr-a',
            expiresAt: at(1010),
            authenticatorId: 'enr-1',
            at: at(110),
          },
        },
      ]));

  it('records a wrong code', () =>
    spec
      .given(withChallenge())
      .when(complete(null))
      .then([
        {
          type: 'TotpCheckFailed',
          data: { purpose: 'LOGIN', reference: 'ch-1', reason: 'WRONG_CODE', consecutiveFailures: 1, at: at(110) },
        },
      ]));

  it('refuses a code of the time step already accepted (replay)', () =>
    spec
      .given(withChallenge())
      .when(complete(1000))
      .thenMatch([{ type: 'TotpCheckFailed', data: { reason: 'REPLAYED_CODE' } }]));

  it('refuses a code of an earlier time step than one accepted', () =>
    spec
      .given(withChallenge())
      .when(complete(999))
      .thenMatch([{ type: 'TotpCheckFailed', data: { reason: 'REPLAYED_CODE' } }]));

  it('refuses an expired challenge', () =>
    spec
      .given(withChallenge())
      .when(complete(1001, at(400)))
      .thenMatch([{ type: 'TotpCheckFailed', data: { reason: 'EXPIRED' } }]));

  it('refuses an unknown challenge', () =>
    spec
      .given(withChallenge())
      .when(complete(1001, at(110), 'ch-x'))
      .thenMatch([{ type: 'TotpCheckFailed', data: { reason: 'UNKNOWN_REFERENCE' } }]));

  it('refuses a challenge that was already completed', () => {
    const done: AccountEvent[] = [
      ...withChallenge(),
      {
        type: 'LoginSucceeded',
        data: {
          sessionId: 's',
          method: 'TOTP',
          challengeId: 'ch-1',
          addressKey: 'addr-a',
          expiresAt: at(1005),
          authenticatorId: 'enr-1',
          at: at(105),
        },
      },
    ];
    spec
      .given(done)
      .when(complete(1002))
      .thenMatch([{ type: 'TotpCheckFailed', data: { reason: 'UNKNOWN_REFERENCE' } }]);
  });

  it('checks an SMS challenge code by its hash', () => {
    const history: AccountEvent[] = [
      registered(),
      { type: 'ProtectionEnabled', data: { scenes: ['LOGON'], method: 'SMS', verificationId: 'v', at: at(50) } },
      {
        type: 'MfaChallengeIssued',
        data: {
          challengeId: 'ch-1',
          method: 'SMS',
          codeHash: 'right',
          expiresAt: at(400),
          addressKey: 'addr-a',
          maxAttempts: 3,
          at: at(100),
        },
      },
    ];
    spec
      .given(history)
      .when({ ...complete(null), proof: { kind: 'DELIVERED_CODE' as const, codeHash: 'right' } })
      .thenMatch([{ type: 'LoginSucceeded', data: { method: 'SMS' } }]);
    spec
      .given(history)
      .when({ ...complete(null), proof: { kind: 'DELIVERED_CODE' as const, codeHash: 'wrong' } })
      .thenMatch([{ type: 'LoginCodeCheckFailed', data: { challengeId: 'ch-1', reason: 'WRONG_CODE' } }]);
  });
});
