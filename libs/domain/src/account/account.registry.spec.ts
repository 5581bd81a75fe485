import { MAIN_ACCOUNT_EVENT_SHAPES, storedData } from '@identity/testing';
import { DEFAULT_SECURITY_POLICY } from './account.commands';
import { accountDecider } from './account.decider';
import { ACCOUNT_EVENT_REGISTRY, ACCOUNT_EVENT_TYPES, decodeAccountEvent } from './account.registry';
import { MalformedEventError } from '../events/malformed-event.error';

const decider = accountDecider(DEFAULT_SECURITY_POLICY);
const malformed = (type: string, data: Record<string, unknown>): MalformedEventError => {
  try {
    decodeAccountEvent(type, data);
  } catch (error) {
    if (error instanceof MalformedEventError) return error;
    throw error;
  }
  throw new Error(`${type} decoded`);
};

describe('account event registry: decoding what main writes', () => {
  const UPCAST = [
    'TotpEnrollmentStarted',
    'TotpBound',
    'LoginSucceeded',
    'PasswordCheckFailed',
    'MfaChallengeIssued',
    'AccountLocked',
    'AccountUnlocked',
  ];
  it.each(Object.entries(MAIN_ACCOUNT_EVENT_SHAPES).filter(([type]) => !UPCAST.includes(type)))(
    'reads a stored %s exactly as written',
    (type, shape) => expect(decodeAccountEvent(type, storedData(shape))).toEqual({ type, data: shape }),
  );

  it('upcasts TotpEnrollmentStarted: no name or purpose yet -> Authenticator, ENABLE_PROTECTION', () =>
    expect(decodeAccountEvent('TotpEnrollmentStarted', storedData(MAIN_ACCOUNT_EVENT_SHAPES.TotpEnrollmentStarted))).toEqual({
      type: 'TotpEnrollmentStarted',
      data: { ...MAIN_ACCOUNT_EVENT_SHAPES.TotpEnrollmentStarted, name: 'Authenticator', purpose: 'ENABLE_PROTECTION' },
    }));

  it('upcasts the lockout fields (docs/adr/0005-lockout.md): no scope -> ACCOUNT level 0, no address, 3 attempts', () => {
    const read = (type: keyof typeof MAIN_ACCOUNT_EVENT_SHAPES) =>
      decodeAccountEvent(type, storedData(MAIN_ACCOUNT_EVENT_SHAPES[type])).data;
    const s = MAIN_ACCOUNT_EVENT_SHAPES;
    expect(read('LoginSucceeded')).toMatchObject({ ...s.LoginSucceeded, addressKey: null });
    expect(read('PasswordCheckFailed')).toEqual({
      ...s.PasswordCheckFailed,
      addressKey: null,
      windowStartedAt: null,
      windowFailures: null,
    });
    expect(read('MfaChallengeIssued')).toEqual({ ...s.MfaChallengeIssued, addressKey: null, maxAttempts: 3 });
    expect(read('AccountLocked')).toEqual({ ...s.AccountLocked, scope: 'ACCOUNT', addressKey: null, level: 0 });
    expect(read('AccountUnlocked')).toEqual({ ...s.AccountUnlocked, scope: 'ACCOUNT', addressKey: null });
  });

  it('upcasts TotpBound: no name yet -> Authenticator, and keeps a name once written', () => {
    expect(decodeAccountEvent('TotpBound', storedData(MAIN_ACCOUNT_EVENT_SHAPES.TotpBound)).data).toEqual({
      ...MAIN_ACCOUNT_EVENT_SHAPES.TotpBound,
      name: 'Authenticator',
    });
    expect(decodeAccountEvent('TotpBound', { ...storedData(MAIN_ACCOUNT_EVENT_SHAPES.TotpBound), name: 'work phone' }).data).toMatchObject({
      name: 'work phone',
    });
  });

  it('upcasts LoginSucceeded: no session end yet -> 24 h after the logon, no authenticator', () =>
    expect(decodeAccountEvent('LoginSucceeded', storedData(MAIN_ACCOUNT_EVENT_SHAPES.LoginSucceeded)).data).toEqual({
      ...MAIN_ACCOUNT_EVENT_SHAPES.LoginSucceeded,
      addressKey: null,
      expiresAt: '2026-01-02T00:02:00.000Z',
      authenticatorId: null,
    }));

  it('reads SessionsEnded and StepUpSucceeded', () => {
    const ended = { sessionIds: ['ses-1', 'ses-2'], reason: 'PROTECTION_CHANGED', at: '2026-01-01T00:03:00.000Z' };
    expect(decodeAccountEvent('SessionsEnded', storedData(ended)).data).toEqual(ended);
    const stepUp = { sessionId: 'ses-1', method: 'TOTP', authenticatorId: 'enr-1', at: '2026-01-01T00:04:00.000Z' };
    expect(decodeAccountEvent('StepUpSucceeded', storedData(stepUp)).data).toEqual(stepUp);
    expect(() => decodeAccountEvent('SessionsEnded', { ...ended, reason: 'BORED' })).toThrow(MalformedEventError);
  });

  it('reads the new RejectedAttemptsSummarized and the ADD_AUTHENTICATOR purpose', () => {
    const summary = {
      count: 7,
      firstAt: '2026-01-01T00:06:00.000Z',
      lastAt: '2026-01-01T00:19:00.000Z',
      ips: ['203.0.113.7'],
      lockedUntil: '2026-01-01T00:20:00.000Z',
      at: '2026-01-01T00:21:00.000Z',
    };
    expect(decodeAccountEvent('RejectedAttemptsSummarized', storedData(summary)).data).toEqual(summary);
    const add = { ...storedData(MAIN_ACCOUNT_EVENT_SHAPES.IdentityVerificationStarted), purpose: 'ADD_AUTHENTICATOR' };
    expect(decodeAccountEvent('IdentityVerificationStarted', add).data).toMatchObject({ purpose: 'ADD_AUTHENTICATOR' });
  });

  it('drops fields its type does not have, so nothing unchecked reaches the fold', () =>
    expect(decodeAccountEvent('TotpUnbound', { ...storedData(MAIN_ACCOUNT_EVENT_SHAPES.TotpUnbound), extra: 1 }).data).toEqual(
      MAIN_ACCOUNT_EVENT_SHAPES.TotpUnbound,
    ));

  it("is the decider's decode", () => expect(decider.decode).toBe(decodeAccountEvent));
});

describe('account event registry: malformed stored events', () => {
  it.each([
    ['AccountRegistered', { ...MAIN_ACCOUNT_EVENT_SHAPES.AccountRegistered, loginName: 42 }, 'loginName'],
    ['TotpCodeAccepted', { ...MAIN_ACCOUNT_EVENT_SHAPES.TotpCodeAccepted, timeStep: '59000001' }, 'timeStep'],
    ['TotpCodeAccepted', { ...MAIN_ACCOUNT_EVENT_SHAPES.TotpCodeAccepted, timeStep: 1.5 }, 'timeStep'],
    ['ProtectionEnabled', { ...MAIN_ACCOUNT_EVENT_SHAPES.ProtectionEnabled, scenes: ['EVERYWHERE'] }, 'scenes'],
    ['ProtectionEnabled', { ...MAIN_ACCOUNT_EVENT_SHAPES.ProtectionEnabled, method: 'CARRIER_PIGEON' }, 'method'],
    ['AccountLocked', { ...MAIN_ACCOUNT_EVENT_SHAPES.AccountLocked, lockedUntil: 'soon' }, 'lockedUntil'],
    ['TotpBound', { ...MAIN_ACCOUNT_EVENT_SHAPES.TotpBound, name: null }, 'name'],
    ['AccountUnlocked', { reason: 'LOCK_EXPIRED', lockedUntil: '2026-01-01T00:20:00.000Z' }, 'at'],
  ])('names the type and the field: %s.%s', (type, data, field) => {
    const error = malformed(type, data);
    expect(error).toMatchObject({ eventType: type, field });
    expect(error.message).toContain(type);
    expect(error.message).toContain(field);
  });

  it('refuses a type of another category or none', () => {
    expect(malformed('ApiKeyCreated', {})).toMatchObject({ eventType: 'ApiKeyCreated', field: 'type' });
    expect(malformed('toString', {})).toMatchObject({ field: 'type' });
  });

  it('refuses data that is not an object', () =>
    expect(malformed('TotpUnbound', null as unknown as Record<string, unknown>)).toMatchObject({ field: 'data' }));
});

describe('account event registry: roles', () => {
  const secretish = ['passwordHash', 'codeHash', 'secret', 'email', 'phone', 'codes', 'salt', 'hash', 'tokenHash'];
  const addedSinceMain = [
    'RamUserSettingsChanged',
    'AccountDisabled',
    'AccountEnabled',
    'RejectedAttemptsSummarized',
    'SessionsEnded',
    'StepUpSucceeded',
    'ProtectionChanged',
    'ContactChangeRequested',
    'ContactChanged',
    'AuthenticatorRenamed',
    'TotpResynchronized',
    'RecoveryCodesGenerated',
    'RecoveryCodeUsed',
    'RecoveryCodeCheckFailed',
    'PasswordChanged',
    'AccountErased',
    // Issue 11's logon aids (logon-aid.events.ts).
    'SecurityPreferenceSet',
    'DeviceRemembered',
    'RememberedDeviceUsed',
    'RememberedDevicesRevoked',
    'LogonEnrollmentStarted',
    'PasswordChangeTicketIssued',
    'PasswordChangeTicketUsed',
    'MfaResetByPrimary',
  ];

  it('lists every account event type once', () => {
    expect(new Set(ACCOUNT_EVENT_TYPES).size).toBe(ACCOUNT_EVENT_TYPES.length);
    expect([...ACCOUNT_EVENT_TYPES].sort()).toEqual([...Object.keys(MAIN_ACCOUNT_EVENT_SHAPES), ...addedSinceMain].sort());
  });

  it('shows auditors no secret, hash or unmasked destination', () => {
    for (const spec of Object.values(ACCOUNT_EVENT_REGISTRY)) {
      for (const field of spec.auditFields) expect(secretish).not.toContain(field);
    }
  });

  it('lists every non-secret field of what main writes for auditors', () => {
    for (const [type, shape] of Object.entries(MAIN_ACCOUNT_EVENT_SHAPES)) {
      const listed = new Set<string>(ACCOUNT_EVENT_REGISTRY[type as keyof typeof ACCOUNT_EVENT_REGISTRY].auditFields);
      const hidden = Object.keys(shape).filter((field) => !listed.has(field));
      expect({ type, hidden: hidden.filter((f) => !secretish.includes(f)) }).toEqual({ type, hidden: [] });
    }
  });

  it('gives the fold the lockout role it declares: a FAILURE sets the count, a SUCCESS_RESET clears it', () => {
    const base = decider.evolve(
      decider.initialState(),
      decodeAccountEvent('AccountRegistered', storedData(MAIN_ACCOUNT_EVENT_SHAPES.AccountRegistered)),
    );
    const failing = { ...base, consecutiveFailures: 4 };
    for (const [type, shape] of Object.entries(MAIN_ACCOUNT_EVENT_SHAPES)) {
      const role = ACCOUNT_EVENT_REGISTRY[type as keyof typeof ACCOUNT_EVENT_REGISTRY].lockout;
      const event = decodeAccountEvent(type, storedData(shape));
      const after = decider.evolve(failing, event).consecutiveFailures;
      const data = event.data as { consecutiveFailures?: number };
      const expected = role === 'FAILURE' ? data.consecutiveFailures : role === 'SUCCESS_RESET' ? 0 : 4;
      expect({ type, after }).toEqual({ type, after: expected });
    }
  });
});
