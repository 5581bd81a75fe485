import { generateWebhookSecret, standardWebhookHeaders, WebhookSigner } from './webhook-signature';

describe('WebhookSigner', () => {
  it('reproduces the reference vector of the Standard Webhooks libraries', () => {
    const signer = new WebhookSigner('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    expect(signer.sign('msg_p5jXN8AQM9LWM0D4loKWxJek', new Date(1614265330_000), '{"test": 2432232314}')).toBe(
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
  });

  it('accepts the secret with or without its prefix, and refuses a short one', () => {
    const sign = (secret: string) => new WebhookSigner(secret).sign('m', new Date(0), 'x');
    expect(sign('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toBe(sign('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'));
    expect(() => new WebhookSigner('whsec_c2hvcnQ=')).toThrow(RangeError);
  });

  it('refuses a message id with a dot', () => {
    expect(() => new WebhookSigner(generateWebhookSecret()).sign('a.b', new Date(), 'x')).toThrow(RangeError);
  });
});

describe('standardWebhookHeaders', () => {
  it('signs with each secret, space-separated, at the timestamp in seconds', () => {
    const [current, previous] = [generateWebhookSecret(), generateWebhookSecret()];
    const at = new Date(1_700_000_000_999);
    const headers = standardWebhookHeaders([current, previous], 'evt-1', at, '{}');
    expect(headers['webhook-id']).toBe('evt-1');
    expect(headers['webhook-timestamp']).toBe('1700000000');
    expect(headers['webhook-signature']?.split(' ')).toEqual([
      new WebhookSigner(current).sign('evt-1', at, '{}'),
      new WebhookSigner(previous).sign('evt-1', at, '{}'),
    ]);
  });

  it('makes secrets of 32 random bytes', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(secret);
  });
});
