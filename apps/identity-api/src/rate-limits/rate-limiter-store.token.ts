export type { RateLimiterStore } from './rate-limiter-store';

export const RATE_LIMITER_STORE = Symbol('RATE_LIMITER_STORE');
