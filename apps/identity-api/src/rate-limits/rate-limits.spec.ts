import { randomUUID } from 'node:crypto';
import { loadConfig } from '@identity/config';
import { clientAddress } from './client-address';
import { memoryRateLimiterStore, redisRateLimiterStore } from './rate-limiter-store';
import { RateLimits } from './rate-limits.service';

const REDIS_URL = process.env.RATE_LIMIT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const config = (env: Record<string, string> = {}) => loadConfig({ DATA_DIR: '/tmp/unused', ...env });
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'OK',
    (e: { extensions?: { code?: string; retryAfter?: number } }) => `${e.extensions?.code}${e.extensions?.retryAfter ? ' after' : ''}`,
  );

describe('RateLimits', () => {
  it('refuses the attempt after the window is used up, with retryAfter, per key', async () => {
    const limits = new RateLimits(config({ RATE_LIMIT_LOGON_PER_ADDRESS: '2/60' }), memoryRateLimiterStore());
    expect(await codeOf(limits.consume(['logon-address', 'a']))).toBe('OK');
    expect(await codeOf(limits.consume(['logon-address', 'a']))).toBe('OK');
    expect(await codeOf(limits.consume(['logon-address', 'a']))).toBe('RATE_LIMITED after');
    expect(await codeOf(limits.consume(['logon-address', 'b']))).toBe('OK');
    expect(await codeOf(limits.consume(['logon-address', null]))).toBe('OK');
  });

  // Against the machine's Redis (.ci/run starts it): two instances share one count.
  it('shares counts between instances through Redis', async () => {
    const env = { RATE_LIMIT_REGISTRATION_PER_ADDRESS: '3/60', RATE_LIMIT_REDIS_URL: REDIS_URL };
    const [storeA, storeB] = [await redisRateLimiterStore(REDIS_URL), await redisRateLimiterStore(REDIS_URL)];
    try {
      const [a, b] = [new RateLimits(config(env), storeA), new RateLimits(config(env), storeB)];
      const client = `198.51.100.${randomUUID()}`;
      const answers = [];
      for (const instance of [a, b, a, b]) answers.push(await codeOf(instance.consume(['registration-address', client])));
      expect(answers).toEqual(['OK', 'OK', 'OK', 'RATE_LIMITED after']);
    } finally {
      await Promise.all([storeA.close(), storeB.close()]);
    }
  });
});

describe('clientAddress', () => {
  const headers = { 'x-forwarded-for': '198.51.100.7, 203.0.113.9' };
  it('is the socket address unless proxies are trusted', () => {
    expect(clientAddress(headers, '::ffff:127.0.0.1', 0)).toBe('127.0.0.1');
    expect(clientAddress(headers, '10.0.0.1', 1)).toBe('203.0.113.9');
    expect(clientAddress(headers, '10.0.0.1', 2)).toBe('198.51.100.7');
    expect(clientAddress(headers, '10.0.0.1', 5)).toBe('198.51.100.7');
    expect(clientAddress({ 'x-forwarded-for': 'not-an-ip' }, '10.0.0.1', 1)).toBe('10.0.0.1');
  });
});
