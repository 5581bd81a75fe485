export interface RetrySettings {
  retryBaseMs: number;
  retryMaxMs: number;
}

/**
 * The wait before the next attempt after `failures` failures in a row: exponential from the base,
 * capped, with "equal jitter" (half fixed, half random) so that webhooks failing together do not
 * retry together; never shorter than a `Retry-After` the receiver asked for (within the cap).
 */
export function retryDelayMs(
  failures: number,
  settings: RetrySettings,
  retryAfterMs: number | null,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(settings.retryMaxMs, settings.retryBaseMs * 2 ** Math.min(Math.max(failures - 1, 0), 30));
  const jittered = exponential / 2 + random() * (exponential / 2);
  return Math.round(Math.min(settings.retryMaxMs, Math.max(jittered, retryAfterMs ?? 0)));
}
