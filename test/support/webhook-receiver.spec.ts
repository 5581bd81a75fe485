import { verify } from './webhook-receiver';

// The receiver's own check, against the reference vector of the Standard Webhooks libraries.
describe('Standard Webhooks verification in the test receiver', () => {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
  const body = '{"test": 2432232314}';
  const signature = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';
  const now = 1614265330 + 10;

  it('accepts the reference signature, also among others', () => {
    expect(verify([secret], id, '1614265330', [signature], body, now)).toBe(true);
    expect(verify(['whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', secret], id, '1614265330', ['v1,bm9wZQ==', signature], body, now)).toBe(true);
  });

  it('refuses a changed body, id or timestamp, another secret, another version and an old timestamp', () => {
    expect(verify([secret], id, '1614265330', [signature], '{"test":2432232314}', now)).toBe(false);
    expect(verify([secret], 'msg_other', '1614265330', [signature], body, now)).toBe(false);
    expect(verify([secret], id, '1614265331', [signature], body, now)).toBe(false);
    expect(verify(['whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'], id, '1614265330', [signature], body, now)).toBe(false);
    expect(verify([secret], id, '1614265330', [signature.replace('v1,', 'v1a,')], body, now)).toBe(false);
    expect(verify([secret], id, '1614265330', [signature], body, now + 600)).toBe(false);
  });
});
