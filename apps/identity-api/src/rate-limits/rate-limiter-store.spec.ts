import { memoryRateLimiterStore } from './rate-limiter-store';

// Any load of the Redis client fails this file: counting in memory must not pay for it at start.
jest.mock('redis', () => {
  throw new Error('the Redis client was loaded');
});

describe('memoryRateLimiterStore', () => {
  it('counts without loading the Redis client', async () => {
    const store = memoryRateLimiterStore();
    const limiter = store.limiter('bucket', { points: 2, seconds: 60 });
    expect((await limiter.consume('key')).remainingPoints).toBe(1);
    await store.close();
  });
});
