import { REDACTED, redactEventData } from './redact-event-data';

describe('redactEventData (allow-list from the event registry)', () => {
  it('hides hashes and encrypted boxes of a registration, keeps masked destinations and nulls', () => {
    expect(
      redactEventData('AccountRegistered', {
        accountId: 'acc-1',
        loginName: 'alice',
        passwordHash: '$argon2id$x',
        email: 'enc:v1:e',
        maskedEmail: 'a***e@example.com',
        phone: null,
        maskedPhone: null,
        primaryAccountId: null,
        at: '2026-01-01T00:00:00.000Z',
      }),
    ).toEqual({
      accountId: 'acc-1',
      loginName: 'alice',
      passwordHash: REDACTED,
      email: REDACTED,
      maskedEmail: 'a***e@example.com',
      phone: null,
      maskedPhone: null,
      primaryAccountId: null,
      at: '2026-01-01T00:00:00.000Z',
    });
  });

  it('hides the code hash of a verification for disabling, and leaves TotpUnbound and ProtectionDisabled (nothing secret) as they are', () => {
    expect(
      redactEventData('IdentityVerificationStarted', {
        verificationId: 'dis-1',
        purpose: 'DISABLE_PROTECTION',
        codeHash: 'hmac:x',
        maskedDestination: '+1***67',
      }),
    ).toEqual({ verificationId: 'dis-1', purpose: 'DISABLE_PROTECTION', codeHash: REDACTED, maskedDestination: '+1***67' });
    const unbound = { authenticatorId: 'enr-1', at: '2026-01-01T00:00:00.000Z' };
    const disabled = { method: 'TOTP', scenes: ['LOGON'], verificationId: 'dis-1', at: '2026-01-01T00:00:00.000Z' };
    expect(redactEventData('TotpUnbound', unbound)).toEqual(unbound);
    expect(redactEventData('ProtectionDisabled', disabled)).toEqual(disabled);
  });

  it('hides secrets of other categories: API key hashes, webhook signing secrets', () => {
    expect(redactEventData('ApiKeyCreated', { keyId: 'k', name: 'n', role: 'auditor', secretHash: 'h', at: 't' })).toEqual({
      keyId: 'k',
      name: 'n',
      role: 'auditor',
      secretHash: REDACTED,
      at: 't',
    });
    expect(redactEventData('WebhookSecretRotated', { webhookId: 'w', secret: 'enc:v1:x', previousSecretValidUntil: 't', at: 't' })).toEqual(
      { webhookId: 'w', secret: REDACTED, previousSecretValidUntil: 't', at: 't' },
    );
  });

  it('redacts a field no registry entry lists, so a new secret field does not leak by default', () => {
    expect(
      redactEventData('TotpBound', { authenticatorId: 'a', secret: 'enc:v1:s', name: 'work phone', recoverySeed: 'x', at: 't' }),
    ).toEqual({ authenticatorId: 'a', secret: REDACTED, name: 'work phone', recoverySeed: REDACTED, at: 't' });
  });

  it('shows no value of a type it does not know', () => {
    expect(redactEventData('SomethingNew', { a: 'x', b: 1, c: null })).toEqual({ a: REDACTED, b: REDACTED, c: null });
  });

  it("keeps a `__proto__` key of stored JSON as a field (redacted), not as the answer's prototype, on every call", () => {
    const stored = JSON.parse('{"accountId":"acc-1","__proto__":{"polluted":true}}') as Record<string, unknown>;
    for (let call = 0; call < 2; call += 1) {
      const shown = redactEventData('AccountRegistered', stored);
      expect(Object.getPrototypeOf(shown)).toBe(Object.prototype);
      expect(Object.keys(shown)).toEqual(['accountId', '__proto__']);
      expect(JSON.stringify(shown)).toBe(`{"accountId":"acc-1","__proto__":"${REDACTED}"}`);
    }
  });
});
