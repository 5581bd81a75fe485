import { addSeconds } from '../shared/time';
import { at, deciderSpec, identityVerified, registered, totpProtected, verificationStarted } from '@identity/testing';
import { toIntegrationEvents } from '../integration/integration-events';
import { DEFAULT_SECURITY_POLICY } from './account.commands';
import { accountDecider } from './account.decider';
import { AccountEvent } from './account.events';
import { secondFactorForLogon } from './decide-login';

const decider = accountDecider(DEFAULT_SECURITY_POLICY);
const spec = deciderSpec(decider);
const fold = (events: AccountEvent[]) => events.reduce(decider.evolve, decider.initialState());

/** A verified CHANGE_PROTECTION verification by SMS. */
const changeVerified = (verificationId = 'chg-1', startedAt = at(100)): AccountEvent[] => [
  {
    type: 'IdentityVerificationStarted',
    data: {
      verificationId,
      purpose: 'CHANGE_PROTECTION',
      channel: 'SMS',
      maskedDestination: '+86*******5678',
      codeHash: 'hash-of-222222',
      expiresAt: addSeconds(startedAt, 300),
      scenes: ['LOGON'],
      method: 'TOTP',
      at: startedAt,
    },
  },
  identityVerified(verificationId, addSeconds(startedAt, 5)),
];
const FRESH = { proof: { kind: 'TOTP' as const, authenticatorId: 'enr-1', timeStep: 1001 } };
const change = (
  overrides: Partial<{ scenes: ('LOGON' | 'SENSITIVE_OPERATION')[]; method: 'TOTP' | 'SMS' | 'EMAIL' }> = {},
  secondFactor: typeof FRESH | { proof: null } | null = FRESH,
) => ({
  type: 'ChangeProtection' as const,
  now: at(120),
  verificationId: 'chg-1',
  scenes: ['SENSITIVE_OPERATION' as const],
  method: 'SMS' as const,
  secondFactor,
  sessionId: 'ses-1',
  ...overrides,
});
const history = () => [...totpProtected(), ...changeVerified()];

describe('an SMS code alone never weakens TOTP protection', () => {
  it('refuses enableProtection to SMS on sensitive operations only (the swapped-SIM attack) before a code is sent', () => {
    const enable = { type: 'EnableProtection' as const, now: at(100), verificationId: 'v', codeHash: 'h', channel: 'SMS' as const };
    spec
      .given(totpProtected())
      .when({ ...enable, scenes: ['SENSITIVE_OPERATION'], method: 'SMS' })
      .thenThrows('SECOND_FACTOR_REQUIRED');
    spec
      .given(totpProtected())
      .when({ ...enable, scenes: ['SENSITIVE_OPERATION'], method: 'TOTP' })
      .thenThrows('SECOND_FACTOR_REQUIRED');
    spec
      .given(totpProtected())
      .when({ ...enable, scenes: ['LOGON', 'SENSITIVE_OPERATION'], method: 'TOTP' })
      .thenMatch([{ type: 'IdentityVerificationStarted' }]);
  });

  it('refuses changeProtection away from TOTP without a TOTP code, and records a wrong one as a failure', () => {
    spec.given(history()).when(change({}, null)).thenThrows('SECOND_FACTOR_REQUIRED');
    spec
      .given(history())
      .when(change({ method: 'TOTP', scenes: ['SENSITIVE_OPERATION'] }, null))
      .thenThrows('SECOND_FACTOR_REQUIRED');
    spec
      .given(history())
      .when(change({}, { proof: null }))
      .then([
        {
          type: 'TotpCheckFailed',
          data: { purpose: 'PROTECTION_CHANGE', reference: 'chg-1', reason: 'WRONG_CODE', consecutiveFailures: 1, at: at(120) },
        },
      ]);
    const spent = { proof: { kind: 'TOTP' as const, authenticatorId: 'enr-1', timeStep: 1000 } };
    spec
      .given(history())
      .when(change({}, spent))
      .thenMatch([{ type: 'TotpCheckFailed', data: { reason: 'REPLAYED_CODE' } }]);
  });
});

describe('ChangeProtection', () => {
  it('moves TOTP on logon to SMS on sensitive operations with a TOTP code, forgetting the authenticator', () => {
    const events = spec.given(history()).when(change()).events();
    expect(events).toEqual([
      {
        type: 'TotpCodeAccepted',
        data: { authenticatorId: 'enr-1', timeStep: 1001, purpose: 'PROTECTION_CHANGE', reference: 'chg-1', at: at(120) },
      },
      { type: 'TotpUnbound', data: { authenticatorId: 'enr-1', at: at(120) } },
      {
        type: 'ProtectionChanged',
        data: {
          scenesBefore: ['LOGON'],
          methodBefore: 'TOTP',
          scenes: ['SENSITIVE_OPERATION'],
          method: 'SMS',
          verificationId: 'chg-1',
          at: at(120),
        },
      },
    ]);
    const state = fold([...history(), ...events]);
    expect(state.protection).toEqual({ enabled: true, scenes: ['SENSITIVE_OPERATION'], method: 'SMS' });
    expect(secondFactorForLogon(state)).toBeNull();
  });

  it('tells integrators exactly what changed, and that logon lost its protection', () => {
    const changed = spec.given(history()).when(change()).events().at(-1) as AccountEvent;
    const mapped = toIntegrationEvents({
      id: 'e',
      streamId: 'account-acc-1',
      type: changed.type,
      data: changed.data as never,
      position: '1',
      recordedAt: at(121),
    });
    expect(mapped.map((e) => [e.type, e.data])).toEqual([
      ['identity.mfa.disabled.v1', { accountId: 'acc-1', method: 'TOTP' }],
      [
        'identity.protection.changed.v1',
        {
          accountId: 'acc-1',
          protectionEnabled: true,
          method: 'SMS',
          scenes: ['SENSITIVE_OPERATION'],
          previous: { method: 'TOTP', scenes: ['LOGON'] },
        },
      ],
    ]);
    expect(new Set(mapped.map((e) => e.id)).size).toBe(2);
  });

  it('adds a scene to TOTP protection without a TOTP code', () =>
    spec
      .given(history())
      .when(change({ method: 'TOTP', scenes: ['LOGON', 'SENSITIVE_OPERATION'] }, null))
      .then([
        {
          type: 'ProtectionChanged',
          data: {
            scenesBefore: ['LOGON'],
            methodBefore: 'TOTP',
            scenes: ['LOGON', 'SENSITIVE_OPERATION'],
            method: 'TOTP',
            verificationId: 'chg-1',
            at: at(120),
          },
        },
      ]));

  it('consumes its verification: the same one never serves a second change', () => {
    const first = [
      ...history(),
      ...spec
        .given(history())
        .when(change({ method: 'TOTP', scenes: ['LOGON', 'SENSITIVE_OPERATION'] }, null))
        .events(),
    ];
    spec
      .given(first)
      .when({ ...change({ method: 'TOTP', scenes: ['LOGON'] }), now: at(130), secondFactor: { proof: { ...FRESH.proof, timeStep: 1002 } } })
      .thenThrows('VERIFICATION_REQUIRED');
  });

  it('takes only a verified CHANGE_PROTECTION verification, protection on, and a usable method', () => {
    const enabling = [...totpProtected(), verificationStarted('chg-1', 'SMS', at(100)), identityVerified('chg-1', at(105))];
    spec.given(enabling).when(change()).thenThrows('VERIFICATION_REQUIRED');
    spec
      .given([...totpProtected(), changeVerified()[0] as AccountEvent])
      .when(change())
      .thenThrows('VERIFICATION_REQUIRED');
    spec
      .given([registered(), ...changeVerified()])
      .when(change())
      .thenThrows('PROTECTION_NOT_ENABLED');
    spec
      .given(history())
      .when(change({ method: 'TOTP', scenes: ['LOGON'] }))
      .thenThrows('INVALID_REQUEST', 'scenes');
    spec
      .given(history())
      .when(change({ method: 'EMAIL' }))
      .thenThrows('INVALID_REQUEST', 'method');
  });

  it('does not move to TOTP without a bound authenticator: that goes through binding', () => {
    const sms = [
      registered(),
      verificationStarted('ver-1', 'SMS'),
      identityVerified(),
      { type: 'ProtectionEnabled', data: { scenes: ['LOGON'], method: 'SMS', verificationId: 'ver-1', at: at(20) } } as AccountEvent,
      ...changeVerified(),
    ];
    spec
      .given(sms)
      .when(change({ method: 'TOTP', scenes: ['LOGON'] }))
      .thenThrows('VERIFICATION_REQUIRED');
    spec
      .given(sms)
      .when(change({ method: 'SMS', scenes: ['SENSITIVE_OPERATION'] }, null))
      .thenMatch([{ type: 'ProtectionChanged', data: { methodBefore: 'SMS', method: 'SMS' } }]);
  });
});
