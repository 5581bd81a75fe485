import { at, challengeIssued, deciderSpec, registered, totpProtected, twoTotpAuthenticators } from '@identity/testing';
import { DEFAULT_SECURITY_POLICY } from '../../account.commands';
import { accountDecider } from '../../account.decider';
import { AccountEvent } from '../../account.events';
import { securityViewOf } from '../../account-security.view';

const decider = accountDecider(DEFAULT_SECURITY_POLICY);
const spec = deciderSpec(decider);
const fold = (events: AccountEvent[]) => events.reduce(decider.evolve, decider.initialState());
const totp = (authenticatorId: string, timeStep: number) => ({ kind: 'TOTP' as const, authenticatorId, timeStep });
const remove = (authenticatorId: string, options: { disableProtection?: boolean; proof?: ReturnType<typeof totp> | null } = {}) => ({
  type: 'RemoveAuthenticator' as const,
  now: at(100),
  sessionId: 's-1',
  authenticatorId,
  disableProtection: options.disableProtection ?? false,
  proof: options.proof ?? null,
});
const codes: AccountEvent = {
  type: 'RecoveryCodesGenerated',
  data: { setId: 'set-1', codes: [{ salt: 's', hash: 'h' }], reason: 'PROTECTION_ENABLED', at: at(40) },
};

describe('removing an authenticator', () => {
  it('removes one of two, and the other still logs on', () => {
    const events = spec.given(twoTotpAuthenticators()).when(remove('enr-1')).events();
    expect(events).toEqual([{ type: 'TotpUnbound', data: { authenticatorId: 'enr-1', at: at(100) } }]);
    const after = [...twoTotpAuthenticators(), ...events, challengeIssued('ch-1', at(110))];
    expect(securityViewOf(fold(after))).toMatchObject({ protectionEnabled: true, authenticators: [{ id: 'enr-2' }] });
    spec
      .given(after)
      .when({ type: 'CompleteLogin', now: at(120), challengeId: 'ch-1', sessionId: 's-2', proof: totp('enr-2', 2001) })
      .thenMatch([{ type: 'TotpCodeAccepted' }, { type: 'LoginSucceeded' }]);
    spec
      .given(after)
      .when({ type: 'CompleteLogin', now: at(120), challengeId: 'ch-1', sessionId: 's-2', proof: totp('enr-1', 1001) })
      .thenMatch([{ type: 'TotpCheckFailed', data: { reason: 'WRONG_CODE' } }]);
  });

  it('refuses the last one of TOTP protection: LAST_FACTOR', () => {
    spec.given(totpProtected()).when(remove('enr-1')).thenThrows('LAST_FACTOR');
  });

  it('removes the last one with protection turned off in the same step, with a fresh code of it', () =>
    spec
      .given([...totpProtected(), codes])
      .when(remove('enr-1', { disableProtection: true, proof: totp('enr-1', 1001) }))
      .then([
        {
          type: 'TotpCodeAccepted',
          data: { authenticatorId: 'enr-1', timeStep: 1001, purpose: 'CONFIRM', reference: 'enr-1', at: at(100) },
        },
        { type: 'TotpUnbound', data: { authenticatorId: 'enr-1', at: at(100) } },
        { type: 'ProtectionDisabled', data: { method: 'TOTP', scenes: ['LOGON'], verificationId: null, at: at(100) } },
      ]));

  it('refuses turning protection off without a fresh TOTP code: a failure towards the lock', () => {
    for (const proof of [null, totp('enr-1', 1000), totp('enr-9', 5000)]) {
      const events = spec
        .given(totpProtected())
        .when(remove('enr-1', { disableProtection: true, proof }))
        .events();
      expect(events.map((e) => [e.type, (e.data as { purpose?: string }).purpose])).toEqual([['TotpCheckFailed', 'CONFIRM']]);
    }
    const recovery = { kind: 'RECOVERY_CODE' as const, match: { setId: 'set-1', index: 0 } };
    spec
      .given([...totpProtected(), codes])
      .when({ ...remove('enr-1', { disableProtection: true }), proof: recovery })
      .thenMatch([{ type: 'TotpCheckFailed', data: { purpose: 'CONFIRM', reason: 'WRONG_CODE' } }]);
  });

  it('voids the recovery codes with the protection', () => {
    const history = [...totpProtected(), codes];
    const events = spec
      .given(history)
      .when(remove('enr-1', { disableProtection: true, proof: totp('enr-1', 1001) }))
      .events();
    expect(securityViewOf(fold([...history, ...events]))).toMatchObject({
      protectionEnabled: false,
      totpBound: false,
      authenticators: [],
      recoveryCodesRemaining: 0,
    });
  });

  it('refuses disableProtection while other authenticators remain, and an unknown authenticator', () => {
    spec
      .given(twoTotpAuthenticators())
      .when(remove('enr-1', { disableProtection: true }))
      .thenThrows('INVALID_REQUEST', 'disableProtection');
    spec.given(twoTotpAuthenticators()).when(remove('enr-9')).thenThrows('INVALID_REQUEST', 'authenticatorId');
  });
});

describe('renaming an authenticator', () => {
  it('records the trimmed name, shown in the view', () => {
    const rename = { type: 'RenameAuthenticator' as const, now: at(90), sessionId: 's-1', authenticatorId: 'enr-1', name: '  old phone ' };
    const events = spec.given(twoTotpAuthenticators()).when(rename).events();
    expect(events).toEqual([{ type: 'AuthenticatorRenamed', data: { authenticatorId: 'enr-1', name: 'old phone', at: at(90) } }]);
    expect(securityViewOf(fold([...twoTotpAuthenticators(), ...events])).authenticators.map((a) => a.name)).toEqual([
      'old phone',
      'work phone',
    ]);
    spec
      .given(twoTotpAuthenticators())
      .when({ ...rename, name: ' ' })
      .thenThrows('INVALID_REQUEST', 'name');
    spec
      .given(twoTotpAuthenticators())
      .when({ ...rename, authenticatorId: 'enr-9' })
      .thenThrows('INVALID_REQUEST', 'authenticatorId');
  });
});

describe('resynchronizing a drifted authenticator (RFC 6238 section 6)', () => {
  const resync = (match: { timeStep: number; driftSteps: number } | null, authenticatorId = 'enr-1') => ({
    type: 'ResyncTotp' as const,
    now: at(100),
    sessionId: 's-1',
    authenticatorId,
    match,
  });

  it('records the drift on that authenticator, and its steps up to the second code are spent', () => {
    const events = spec
      .given(twoTotpAuthenticators())
      .when(resync({ timeStep: 1006, driftSteps: 5 }))
      .events();
    expect(events).toEqual([
      { type: 'TotpResynchronized', data: { authenticatorId: 'enr-1', driftSteps: 5, timeStep: 1006, at: at(100) } },
    ]);
    const state = fold([...twoTotpAuthenticators(), ...events]);
    expect(state.authenticators['enr-1']).toMatchObject({ driftSteps: 5, lastAcceptedTimeStep: 1006 });
    expect(state.authenticators['enr-2']).toMatchObject({ driftSteps: 0, lastAcceptedTimeStep: 2000 });
    expect(securityViewOf(state).authenticators.map((a) => a.driftSteps)).toEqual([5, 0]);
    const challenged = [...twoTotpAuthenticators(), ...events, challengeIssued('ch-1', at(110))];
    spec
      .given(challenged)
      .when({ type: 'CompleteLogin', now: at(120), challengeId: 'ch-1', sessionId: 's', proof: totp('enr-1', 1006) })
      .thenMatch([{ type: 'TotpCheckFailed', data: { reason: 'REPLAYED_CODE' } }]);
  });

  it('refuses codes that were not a consecutive pair, or a drift beyond the window: a failure towards the lock', () => {
    for (const match of [null, { timeStep: 1020, driftSteps: 11 }]) {
      spec
        .given(totpProtected())
        .when(resync(match))
        .thenMatch([
          { type: 'TotpCheckFailed', data: { purpose: 'RESYNC', reference: 'enr-1', reason: 'WRONG_CODE', consecutiveFailures: 1 } },
        ]);
    }
  });

  it('keeps spent steps spent: a pair at or before the last accepted step is a replay', () => {
    spec
      .given(totpProtected())
      .when(resync({ timeStep: 1001, driftSteps: -2 }))
      .thenMatch([{ type: 'TotpCheckFailed', data: { reason: 'REPLAYED_CODE' } }]);
    spec
      .given(totpProtected())
      .when(resync({ timeStep: 1002, driftSteps: -1 }))
      .thenMatch([{ type: 'TotpResynchronized' }]);
  });

  it('refuses an unknown authenticator', () => {
    spec.given([registered()]).when(resync(null)).thenThrows('INVALID_REQUEST', 'authenticatorId');
  });
});
