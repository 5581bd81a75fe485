import { isAnswerToKeep, isWellFormedIdempotencyKey, requestFingerprint } from './idempotency-key';

describe('idempotency keys', () => {
  it('takes 1 to 255 visible ASCII characters', () => {
    expect(isWellFormedIdempotencyKey('0b7c6f5e-3d2a-4c1b-9e8f-7a6b5c4d3e2f')).toBe(true);
    expect(isWellFormedIdempotencyKey('x'.repeat(255))).toBe(true);
    expect(isWellFormedIdempotencyKey('')).toBe(false);
    expect(isWellFormedIdempotencyKey('x'.repeat(256))).toBe(false);
    expect(isWellFormedIdempotencyKey('with space')).toBe(false);
    expect(isWellFormedIdempotencyKey('ключ')).toBe(false);
  });

  it('tells requests apart by document, variables and operation name', () => {
    const one = { query: 'mutation { a }', variables: { x: 1 }, operationName: null };
    expect(requestFingerprint(one)).toBe(requestFingerprint({ ...one }));
    expect(requestFingerprint({ ...one, variables: { x: 2 } })).not.toBe(requestFingerprint(one));
    expect(requestFingerprint({ ...one, query: 'mutation { b }' })).not.toBe(requestFingerprint(one));
    expect(requestFingerprint({ ...one, operationName: 'A' })).not.toBe(requestFingerprint(one));
  });

  it('keeps decided answers, refusals included, and lets a retry run again after an outage or a conflict', () => {
    expect(isAnswerToKeep([])).toBe(true);
    expect(isAnswerToKeep(['INVALID_CODE'])).toBe(true);
    expect(isAnswerToKeep(['WRITE_ACKNOWLEDGED'])).toBe(true);
    expect(isAnswerToKeep(['UNAVAILABLE'])).toBe(false);
    expect(isAnswerToKeep(['CONFLICT'])).toBe(false);
    expect(isAnswerToKeep(['INTERNAL_SERVER_ERROR'])).toBe(false);
    expect(isAnswerToKeep(['RATE_LIMITED'])).toBe(false);
  });
});
