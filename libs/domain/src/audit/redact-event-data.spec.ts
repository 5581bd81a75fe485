import { redactEventData } from './redact-event-data';

describe('redactEventData', () => {
  it('hides hashes, encrypted boxes and secrets, keeps masked destinations and nulls', () => {
    expect(redactEventData({
      passwordHash: '$argon2id$x', codeHash: 'ab', secret: 'enc:v1:x', secretHash: 'cd', email: 'enc:v1:e', phone: null,
      maskedEmail: 'a***e@example.com', loginName: 'alice',
    })).toEqual({
      passwordHash: '[redacted]', codeHash: '[redacted]', secret: '[redacted]', secretHash: '[redacted]', email: '[redacted]',
      phone: null, maskedEmail: 'a***e@example.com', loginName: 'alice',
    });
  });

  it('hides the code hash of a verification for disabling, and leaves TotpUnbound and ProtectionDisabled (nothing secret) as they are', () => {
    expect(redactEventData({ verificationId: 'dis-1', purpose: 'DISABLE_PROTECTION', codeHash: 'hmac:x', maskedDestination: '+1***67' }))
      .toEqual({ verificationId: 'dis-1', purpose: 'DISABLE_PROTECTION', codeHash: '[redacted]', maskedDestination: '+1***67' });
    const unbound = { authenticatorId: 'enr-1', at: '2026-01-01T00:00:00.000Z' };
    const disabled = { method: 'TOTP', scenes: ['LOGON'], verificationId: 'dis-1', at: '2026-01-01T00:00:00.000Z' };
    expect(redactEventData(unbound)).toEqual(unbound);
    expect(redactEventData(disabled)).toEqual(disabled);
  });
});
