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
});
