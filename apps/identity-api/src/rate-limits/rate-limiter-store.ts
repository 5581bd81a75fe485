import { Logger } from '@nestjs/common';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import type { RateWindow } from '@identity/config';

/** Makes one limiter per bucket, all in one store: this process's memory, or Redis shared by every instance. */
export interface RateLimiterStore {
  readonly kind: 'memory' | 'redis';
  limiter(bucket: string, window: RateWindow): RateLimiterAbstract;
  close(): Promise<void>;
}

export function memoryRateLimiterStore(): RateLimiterStore {
  return {
    kind: 'memory',
    limiter: (bucket, window) => new RateLimiterMemory({ keyPrefix: bucket, points: window.points, duration: window.seconds }),
    close: async () => undefined,
  };
}

/**
 * Counters in Redis (RATE_LIMIT_REDIS_URL), so that several instances count together. While Redis
 * cannot be reached, each instance counts in its own memory (rate-limiter-flexible's insurance
 * limiter) instead of refusing every logon; the outage is logged.
 */
export async function redisRateLimiterStore(url: string): Promise<RateLimiterStore> {
  const logger = new Logger('RateLimits');
  // Loaded only when configured: the Redis client took a tenth of every start without Redis to load.
  const { createClient } = await import('redis');
  const client = createClient({ url, socket: { reconnectStrategy: (retries) => Math.min(retries * 200, 5000) } });
  let reported = false;
  client.on('error', (error: Error) => {
    if (!reported) logger.warn(`Redis for rate limits is unreachable (${error.message}); counting in memory meanwhile`);
    reported = true;
  });
  client.on('ready', () => {
    reported = false;
  });
  await client.connect();
  return {
    kind: 'redis',
    limiter: (bucket, window) =>
      new RateLimiterRedis({
        storeClient: client,
        useRedisPackage: true,
        rejectIfRedisNotReady: true,
        keyPrefix: `identity-rl:${bucket}`,
        points: window.points,
        duration: window.seconds,
        insuranceLimiter: new RateLimiterMemory({ keyPrefix: bucket, points: window.points, duration: window.seconds }),
      }),
    close: async () => {
      await client.quit().catch(() => undefined);
    },
  };
}
