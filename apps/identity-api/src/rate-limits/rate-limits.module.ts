import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@identity/config';
import { memoryRateLimiterStore, redisRateLimiterStore } from './rate-limiter-store';
import { RATE_LIMITER_STORE } from './rate-limiter-store.token';
import { RateLimits } from './rate-limits.service';

/** Rate limits for every module: in memory, or in Redis when RATE_LIMIT_REDIS_URL is set. */
@Global()
@Module({
  providers: [
    {
      provide: RATE_LIMITER_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        config.limits.rateLimitRedisUrl ? redisRateLimiterStore(config.limits.rateLimitRedisUrl) : memoryRateLimiterStore(),
    },
    RateLimits,
  ],
  exports: [RateLimits],
})
export class RateLimitsModule {}
