import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateWindow } from '@identity/config';
import { APP_CONFIG, AppConfig } from '@identity/config';
import { apiError } from '../graphql/api-error';
import { RATE_LIMITER_STORE, RateLimiterStore } from './rate-limiter-store.token';

/** The buckets the service counts in; docs/security.md names each one's setting. */
export type RateBucket =
  | 'logon-address'
  | 'attempts-account'
  | 'verification-address'
  | 'registration-address'
  | 'code-sends-address'
  | 'code-sends-account'
  | 'code-cooldown'
  | 'code-destination-day';

/**
 * Rate limits on everything that checks a secret, creates an account or sends a code. `consume`
 * counts one attempt and answers RATE_LIMITED with `extensions.retryAfter` (whole seconds) once the
 * bucket's key has used up its window. A null key (no client address known) is not counted.
 */
@Injectable()
export class RateLimits implements OnApplicationShutdown {
  private readonly limiters: Record<RateBucket, RateLimiterAbstract>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(RATE_LIMITER_STORE) private readonly store: RateLimiterStore,
  ) {
    const rates = config.limits.rates;
    const windows: Record<RateBucket, RateWindow> = {
      'logon-address': rates.logonPerAddress,
      'attempts-account': rates.attemptsPerAccount,
      'verification-address': rates.verificationPerAddress,
      'registration-address': rates.registrationPerAddress,
      'code-sends-address': rates.codeSendsPerAddress,
      'code-sends-account': rates.codeSendsPerAccount,
      'code-cooldown': { points: 1, seconds: Math.max(rates.codeResendCooldownSeconds, 1) },
      'code-destination-day': { points: rates.codesPerDestinationPerDay, seconds: 24 * 3600 },
    };
    if (rates.codeResendCooldownSeconds === 0) windows['code-cooldown'] = { points: 1_000_000, seconds: 1 };
    this.limiters = Object.fromEntries(
      Object.entries(windows).map(([bucket, window]) => [bucket, store.limiter(bucket, window)]),
    ) as Record<RateBucket, RateLimiterAbstract>;
  }

  /** Counts one attempt in each `[bucket, key]` pair, in order; the first one over its limit refuses. */
  async consume(...checks: [RateBucket, string | null][]): Promise<void> {
    for (const [bucket, key] of checks) {
      if (key === null) continue;
      try {
        await this.limiters[bucket].consume(key);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw apiError('UNAVAILABLE', 'rate limits cannot be checked now; try again');
        const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        throw apiError('RATE_LIMITED', `too many attempts; try again in ${retryAfter} s`, { retryAfter });
      }
    }
  }

  /** Forgets a key's count in a bucket (a resend cool-down ends once its code was used). */
  async release(bucket: RateBucket, key: string): Promise<void> {
    await this.limiters[bucket].delete(key).catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
