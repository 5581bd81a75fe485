import {
  at,
  challengeIssued,
  MAIN_ACCOUNT_EVENT_SHAPES,
  registered,
  storedData,
  totpProtected,
  verificationStarted,
} from '@identity/testing';
import { AccountEvent } from '../account/account.events';
import { ACCOUNT_EVENT_TYPES } from '../account/account.registry';
import { INTEGRATION_EVENT_TYPES } from '../events/integration-event.types';
import {
  primaryAccountOfRegistration,
  PROTECTION_CHANGED_ID_SUFFIX,
  StoredDomainEvent,
  toIntegrationEvents,
  withPrimaryAccount,
} from './integration-events';

const stored = (
  event: AccountEvent | { type: string; data: Record<string, unknown> },
  id = 'evt-1',
  streamId = 'account-acc-1',
): StoredDomainEvent => ({
  id,
  streamId,
  type: event.type,
  data: event.data as unknown as Record<string, unknown>,
  position: '42',
  recordedAt: at(999),
});
const mapped = (event: AccountEvent) => toIntegrationEvents(stored(event));
const envelope = {
  specversion: '1.0',
  source: '/identity/accounts',
  subject: 'acc-1',
  datacontenttype: 'application/json',
  position: '42',
};

describe('toIntegrationEvents', () => {
  it('turns ProtectionEnabled into identity.mfa.enabled.v1 and identity.protection.changed.v1, with distinct ids', () => {
    const enabled = totpProtected().at(-1) as AccountEvent;
    expect(mapped(enabled)).toEqual([
      {
        ...envelope,
        id: 'evt-1',
        type: 'identity.mfa.enabled.v1',
        time: at(40),
        data: { accountId: 'acc-1', method: 'TOTP', scenes: ['LOGON'] },
      },
      {
        ...envelope,
        id: `evt-1${PROTECTION_CHANGED_ID_SUFFIX}`,
        type: 'identity.protection.changed.v1',
        time: at(40),
        data: { accountId: 'acc-1', protectionEnabled: true, method: 'TOTP', scenes: ['LOGON'] },
      },
    ]);
  });

  it('turns ProtectionDisabled into identity.mfa.disabled.v1 and identity.protection.changed.v1 (off), with distinct ids', () => {
    const disabled: AccountEvent = {
      type: 'ProtectionDisabled',
      data: { method: 'SMS', scenes: ['LOGON'], verificationId: 'v-2', at: at(60) },
    };
    expect(mapped(disabled)).toEqual([
      { ...envelope, id: 'evt-1', type: 'identity.mfa.disabled.v1', time: at(60), data: { accountId: 'acc-1', method: 'SMS' } },
      {
        ...envelope,
        id: `evt-1${PROTECTION_CHANGED_ID_SUFFIX}`,
        type: 'identity.protection.changed.v1',
        time: at(60),
        data: { accountId: 'acc-1', protectionEnabled: false, method: null, scenes: [] },
      },
    ]);
  });

  it('maps AccountLocked and AccountUnlocked', () => {
    expect(
      mapped({
        type: 'AccountLocked',
        data: { scope: 'SECOND_FACTOR', addressKey: null, level: 1, lockedUntil: at(900), consecutiveFailures: 5, at: at(0) },
      }),
    ).toEqual([
      {
        ...envelope,
        id: 'evt-1',
        type: 'identity.account.locked.v1',
        time: at(0),
        data: { accountId: 'acc-1', lockedUntil: at(900), consecutiveFailures: 5 },
      },
    ]);
    expect(
      mapped({
        type: 'AccountUnlocked',
        data: { scope: 'SECOND_FACTOR', addressKey: null, reason: 'LOCK_EXPIRED', lockedUntil: at(900), at: at(901) },
      }),
    ).toEqual([
      {
        ...envelope,
        id: 'evt-1',
        type: 'identity.account.unlocked.v1',
        time: at(901),
        data: { accountId: 'acc-1', reason: 'LOCK_EXPIRED' },
      },
    ]);
  });

  it('keeps a lock of one client address internal, and maps a lock until an unlock with lockedUntil null', () => {
    const address = { scope: 'ADDRESS' as const, addressKey: 'k', level: 1, lockedUntil: at(900), consecutiveFailures: 5, at: at(0) };
    expect(mapped({ type: 'AccountLocked', data: address })).toEqual([]);
    expect(
      mapped({
        type: 'AccountUnlocked',
        data: { scope: 'ADDRESS', addressKey: 'k', reason: 'LOCK_EXPIRED', lockedUntil: at(900), at: at(901) },
      }),
    ).toEqual([]);
    const forGood = {
      scope: 'SECOND_FACTOR' as const,
      addressKey: null,
      level: 20,
      lockedUntil: null,
      consecutiveFailures: 100,
      at: at(0),
    };
    expect(mapped({ type: 'AccountLocked', data: forGood })[0]?.data).toEqual({
      accountId: 'acc-1',
      lockedUntil: null,
      consecutiveFailures: 100,
    });
    expect(
      mapped({
        type: 'AccountUnlocked',
        data: { scope: 'SECOND_FACTOR', addressKey: null, reason: 'ADMIN_RESET', lockedUntil: null, at: at(1) },
      })[0]?.data,
    ).toEqual({ accountId: 'acc-1', reason: 'ADMIN_RESET' });
  });

  it('maps LoginSucceeded without the session id', () => {
    const [event] = mapped({
      type: 'LoginSucceeded',
      data: {
        sessionId: 's-1',
        method: 'TOTP',
        challengeId: 'ch-1',
        addressKey: 'k',
        expiresAt: at(905),
        authenticatorId: 'enr-1',
        at: at(5),
      },
    });
    expect(event).toEqual({
      ...envelope,
      id: 'evt-1',
      type: 'identity.login.succeeded.v1',
      time: at(5),
      data: { accountId: 'acc-1', method: 'TOTP' },
    });
  });

  it.each([
    {
      event: { type: 'PasswordCheckFailed', data: { consecutiveFailures: 2, at: at(1) } },
      data: { step: 'PASSWORD', reason: 'WRONG_PASSWORD', consecutiveFailures: 2, lockedUntil: null },
    },
    {
      event: {
        type: 'TotpCheckFailed',
        data: { purpose: 'LOGIN', reference: 'ch-1', reason: 'REPLAYED_CODE', consecutiveFailures: 1, at: at(1) },
      },
      data: { step: 'SECOND_FACTOR', reason: 'REPLAYED_CODE', consecutiveFailures: 1, lockedUntil: null },
    },
    {
      event: {
        type: 'TotpCheckFailed',
        data: { purpose: 'LOGIN', reference: 'x', reason: 'UNKNOWN_REFERENCE', consecutiveFailures: 3, at: at(1) },
      },
      data: { step: 'SECOND_FACTOR', reason: 'UNKNOWN_CHALLENGE', consecutiveFailures: 3, lockedUntil: null },
    },
    {
      event: { type: 'LoginCodeCheckFailed', data: { challengeId: 'ch-1', reason: 'EXPIRED', consecutiveFailures: 4, at: at(1) } },
      data: { step: 'SECOND_FACTOR', reason: 'EXPIRED', consecutiveFailures: 4, lockedUntil: null },
    },
    {
      event: { type: 'AttemptRejectedWhileLocked', data: { operation: 'LOGIN', lockedUntil: at(900), at: at(1) } },
      data: { step: 'PASSWORD', reason: 'ACCOUNT_LOCKED', consecutiveFailures: null, lockedUntil: at(900) },
    },
    {
      event: { type: 'AttemptRejectedWhileLocked', data: { operation: 'COMPLETE_LOGIN', lockedUntil: at(900), at: at(1) } },
      data: { step: 'SECOND_FACTOR', reason: 'ACCOUNT_LOCKED', consecutiveFailures: null, lockedUntil: at(900) },
    },
    {
      event: { type: 'AttemptRejectedWhileLocked', data: { operation: 'LOGIN', lockedUntil: '9999-12-31T23:59:59.999Z', at: at(1) } },
      data: { step: 'PASSWORD', reason: 'ACCOUNT_LOCKED', consecutiveFailures: null, lockedUntil: null },
    },
  ] as Array<{ event: AccountEvent; data: Record<string, unknown> }>)(
    'maps $event.type to identity.login.failed.v1 as $data.step / $data.reason',
    ({ event, data }) => {
      expect(mapped(event)).toEqual([
        { ...envelope, id: 'evt-1', type: 'identity.login.failed.v1', time: at(1), data: { accountId: 'acc-1', ...data } },
      ]);
    },
  );

  it('publishes nothing for failures outside a logon (binding, verification) and for internal events', () => {
    const internal: AccountEvent[] = [
      registered(),
      verificationStarted(),
      challengeIssued(),
      ...totpProtected().slice(1, -1),
      { type: 'TotpCheckFailed', data: { purpose: 'BIND', reference: 'enr-1', reason: 'WRONG_CODE', consecutiveFailures: 1, at: at(1) } },
      { type: 'AttemptRejectedWhileLocked', data: { operation: 'BIND_TOTP', lockedUntil: at(900), at: at(1) } },
      { type: 'VerificationFailed', data: { verificationId: 'v', reason: 'WRONG_CODE', attempts: 1, consecutiveFailures: 1, at: at(1) } },
      { type: 'TotpUnbound', data: { authenticatorId: 'enr-1', at: at(1) } },
      { type: 'AttemptRejectedWhileLocked', data: { operation: 'DISABLE_PROTECTION', lockedUntil: at(900), at: at(1) } },
    ];
    for (const event of internal) expect(mapped(event)).toEqual([]);
  });

  it('publishes nothing for other streams or unknown types', () => {
    expect(toIntegrationEvents(stored({ type: 'ApiKeyCreated', data: { keyId: 'k', at: at(1) } }, 'e', 'apikey-k'))).toEqual([]);
    expect(
      toIntegrationEvents(
        stored({ type: 'AccountLocked', data: { lockedUntil: at(9), consecutiveFailures: 5, at: at(1) } }, 'e', 'webhook-w'),
      ),
    ).toEqual([]);
    expect(toIntegrationEvents(stored({ type: 'SomethingNew', data: { at: at(1) } }))).toEqual([]);
    expect(toIntegrationEvents(stored({ type: 'constructor', data: { at: at(1) } }))).toEqual([]);
    expect(toIntegrationEvents(stored({ type: 'ApiKeyCreated', data: { at: at(1) } }))).toEqual([]);
  });

  it('refuses a stored event that does not fit its type, naming the field', () => {
    expect(() => toIntegrationEvents(stored({ type: 'AccountUnlocked', data: { reason: 'LOCK_EXPIRED', lockedUntil: at(1) } }))).toThrow(
      expect.objectContaining({ name: 'MalformedEventError', eventType: 'AccountUnlocked', field: 'at' }),
    );
  });

  it('publishes nothing for a stream or type this service does not write', () => {
    expect(toIntegrationEvents(stored({ type: 'SomethingNew', data: { at: at(1) } }))).toEqual([]);
    expect(toIntegrationEvents(stored({ type: 'constructor', data: { at: at(1) } }))).toEqual([]);
    expect(toIntegrationEvents(stored({ type: 'ApiKeyCreated', data: { at: at(1) } }))).toEqual([]);
    expect(toIntegrationEvents(stored(totpProtected().at(-1) as AccountEvent, 'evt-1', 'elsewhere-acc-1'))).toEqual([]);
  });

  it('never lets a secret, hash, phone or email through, whatever the domain event holds', () => {
    const leaky = ['enc:v1:', '$argon2id$', 'hmac-', '+86', '@example', 'ses-1', 'ch-1', 'smuggled'];
    const shapes: Record<string, object> = {
      ...MAIN_ACCOUNT_EVENT_SHAPES,
      TotpCheckFailed: { ...MAIN_ACCOUNT_EVENT_SHAPES.TotpCheckFailed, reference: 'c' },
      RejectedAttemptsSummarized: { count: 2, firstAt: at(1), lastAt: at(2), ips: ['203.0.113.9'], lockedUntil: at(3), at: at(4) },
      ProtectionChanged: {
        scenesBefore: ['LOGON'],
        methodBefore: 'TOTP',
        scenes: ['SENSITIVE_OPERATION'],
        method: 'SMS',
        verificationId: 'v',
        at: at(5),
      },
      AuthenticatorRenamed: { authenticatorId: 'enr-1', name: 'work phone', at: at(1) },
      TotpResynchronized: { authenticatorId: 'enr-1', driftSteps: 5, timeStep: 1005, at: at(1) },
      RecoveryCodesGenerated: { setId: 'set-1', codes: [{ salt: 'hmac-salt', hash: 'hmac-hash' }], reason: 'REGENERATED', at: at(1) },
      RecoveryCodeUsed: { setId: 'set-1', index: 3, purpose: 'LOGIN', reference: 'ch-1', remaining: 9, at: at(1) },
      RecoveryCodeCheckFailed: { purpose: 'LOGIN', reference: 'ch-1', reason: 'USED_CODE', consecutiveFailures: 1, at: at(1) },
      PasswordChanged: { passwordHash: '$argon2id$x', reason: 'CHANGE', sessionId: 'ses-1', verificationId: null, at: at(5) },
      AccountErased: { by: 'SELF', sessionId: 'ses-1', verificationId: 'v', at: at(6) },
    };
    const all = ACCOUNT_EVENT_TYPES.flatMap((type) =>
      toIntegrationEvents(
        stored({
          type,
          data: { ...storedData(shapes[type] ?? {}), extra: 'smuggled', secret: 'enc:v1:s', email: 'a@example.com' },
        }),
      ),
    );
    expect(new Set(all.map((event) => event.type))).toEqual(new Set(INTEGRATION_EVENT_TYPES));
    const text = JSON.stringify(all);
    for (const fragment of leaky) expect(text).not.toContain(fragment);
  });
});

describe('the primary account of a RAM user on its integration events', () => {
  const loginSucceeded: AccountEvent = {
    type: 'LoginSucceeded',
    data: {
      sessionId: 'ses-1',
      method: 'PASSWORD',
      challengeId: null,
      addressKey: null,
      expiresAt: at(900),
      authenticatorId: null,
      at: at(2),
    },
  };

  it('adds the extension primaryaccountid to every event of a RAM user, and nothing to a primary account', () => {
    const events = toIntegrationEvents(stored(totpProtected().at(-1) as AccountEvent));
    expect(withPrimaryAccount(events, 'primary-1').map((e) => e.primaryaccountid)).toEqual(['primary-1', 'primary-1']);
    expect(withPrimaryAccount(events, 'primary-1').map(({ primaryaccountid: _p, ...rest }) => rest)).toEqual(events);
    const primarys = withPrimaryAccount(toIntegrationEvents(stored(loginSucceeded)), null);
    expect(primarys).toHaveLength(1);
    expect('primaryaccountid' in (primarys[0] ?? {})).toBe(false);
    expect(JSON.stringify(primarys)).not.toContain('primaryaccountid');
  });

  it("reads it from the account's registration: a RAM user's primary, null for a primary account", () => {
    const ram = registered({ accountId: 'acc-1', primaryAccountId: 'primary-1' });
    expect(primaryAccountOfRegistration('acc-1', stored(ram))).toBe('primary-1');
    expect(primaryAccountOfRegistration('acc-1', stored(registered({ accountId: 'acc-1' })))).toBeNull();
    expect(
      primaryAccountOfRegistration('acc-1', {
        streamId: 'account-acc-1',
        type: 'AccountRegistered',
        data: MAIN_ACCOUNT_EVENT_SHAPES.AccountRegistered,
      }),
    ).toBeNull();
  });

  it('reads nothing from another event or another account, and refuses a registration that does not fit', () => {
    expect(primaryAccountOfRegistration('acc-1', stored(loginSucceeded))).toBeUndefined();
    expect(primaryAccountOfRegistration('acc-2', stored(registered({ primaryAccountId: 'primary-1' })))).toBeUndefined();
    expect(primaryAccountOfRegistration('acc-1', stored(registered(), 'e', 'loginname-acc-1'))).toBeUndefined();
    const broken = {
      streamId: 'account-acc-1',
      type: 'AccountRegistered',
      data: { ...MAIN_ACCOUNT_EVENT_SHAPES.AccountRegistered, primaryAccountId: 7 },
    };
    expect(() => primaryAccountOfRegistration('acc-1', broken)).toThrow(
      expect.objectContaining({ name: 'MalformedEventError', field: 'primaryAccountId' }),
    );
  });
});
