import { ConfigError } from './config-error';

/** Operation limits, rate limits and edge settings (docs/security.md lists each with its default). */
export interface AbuseLimitsConfig {
  /** NODE_ENV as given ('' when unset). */
  nodeEnv: string;
  /** Introspection and the landing page: NODE_ENV=development or GRAPHQL_INTROSPECTION=true. */
  introspection: boolean;
  /** TRUST_PROXY: how many proxy hops in X-Forwarded-For to trust; 0 = the socket's address. */
  trustProxyHops: number;
  /** RATE_LIMIT_REDIS_URL: shared counters in Redis; null = in this process's memory. */
  rateLimitRedisUrl: string | null;
  operations: OperationLimits;
  rates: RateLimits;
}

export interface OperationLimits {
  maxAliases: number;
  maxRootFields: number;
  maxDepth: number;
  maxCost: number;
  maxPageSize: number;
  maxTokens: number;
}

/** Each `{ points, seconds }` allows `points` attempts per `seconds`; a key over it waits out the window. */
export interface RateWindow {
  points: number;
  seconds: number;
}

export interface RateLimits {
  logonPerAddress: RateWindow;
  attemptsPerAccount: RateWindow;
  verificationPerAddress: RateWindow;
  registrationPerAddress: RateWindow;
  codeSendsPerAddress: RateWindow;
  codeSendsPerAccount: RateWindow;
  codeResendCooldownSeconds: number;
  codesPerDestinationPerDay: number;
}

type Env = Record<string, string | undefined>;

/** The defaults, in one place (the e2e suite for these limits runs with exactly these). */
export const RATE_LIMIT_DEFAULTS = {
  RATE_LIMIT_LOGON_PER_ADDRESS: '20/60',
  RATE_LIMIT_ATTEMPTS_PER_ACCOUNT: '30/900',
  RATE_LIMIT_VERIFICATION_PER_ADDRESS: '20/60',
  RATE_LIMIT_REGISTRATION_PER_ADDRESS: '10/3600',
  RATE_LIMIT_CODE_SENDS_PER_ADDRESS: '20/3600',
  RATE_LIMIT_CODE_SENDS_PER_ACCOUNT: '10/3600',
  CODE_RESEND_COOLDOWN_SECONDS: '30',
  CODES_PER_DESTINATION_PER_DAY: '10',
} as const;

export function loadAbuseLimits(env: Env): AbuseLimitsConfig {
  const nodeEnv = env.NODE_ENV?.trim() ?? '';
  const introspectionFlag = env.GRAPHQL_INTROSPECTION?.trim().toLowerCase();
  if (introspectionFlag && introspectionFlag !== 'true' && introspectionFlag !== 'false') {
    throw new ConfigError('GRAPHQL_INTROSPECTION', 'must be "true" or "false"');
  }
  const redis = env.RATE_LIMIT_REDIS_URL?.trim() || null;
  if (redis !== null && !/^rediss?:\/\/[^\s/]+/.test(redis)) {
    throw new ConfigError('RATE_LIMIT_REDIS_URL', 'must be a Redis URL such as redis://127.0.0.1:6379');
  }
  return {
    nodeEnv,
    introspection: nodeEnv === 'development' || introspectionFlag === 'true',
    trustProxyHops: whole(env, 'TRUST_PROXY', 0, 0, 10),
    rateLimitRedisUrl: redis,
    operations: {
      maxAliases: whole(env, 'OPERATION_MAX_ALIASES', 10, 0, 1000),
      maxRootFields: whole(env, 'OPERATION_MAX_ROOT_FIELDS', 10, 1, 1000),
      maxDepth: whole(env, 'OPERATION_MAX_DEPTH', 10, 2, 100),
      maxCost: whole(env, 'OPERATION_MAX_COST', 2000, 10, 1_000_000),
      maxPageSize: whole(env, 'OPERATION_MAX_PAGE_SIZE', 100, 1, 10_000),
      maxTokens: whole(env, 'OPERATION_MAX_TOKENS', 2000, 50, 100_000),
    },
    rates: {
      logonPerAddress: rateWindow(env, 'RATE_LIMIT_LOGON_PER_ADDRESS'),
      attemptsPerAccount: rateWindow(env, 'RATE_LIMIT_ATTEMPTS_PER_ACCOUNT'),
      verificationPerAddress: rateWindow(env, 'RATE_LIMIT_VERIFICATION_PER_ADDRESS'),
      registrationPerAddress: rateWindow(env, 'RATE_LIMIT_REGISTRATION_PER_ADDRESS'),
      codeSendsPerAddress: rateWindow(env, 'RATE_LIMIT_CODE_SENDS_PER_ADDRESS'),
      codeSendsPerAccount: rateWindow(env, 'RATE_LIMIT_CODE_SENDS_PER_ACCOUNT'),
      codeResendCooldownSeconds: whole(
        env,
        'CODE_RESEND_COOLDOWN_SECONDS',
        Number(RATE_LIMIT_DEFAULTS.CODE_RESEND_COOLDOWN_SECONDS),
        0,
        3600,
      ),
      codesPerDestinationPerDay: whole(
        env,
        'CODES_PER_DESTINATION_PER_DAY',
        Number(RATE_LIMIT_DEFAULTS.CODES_PER_DESTINATION_PER_DAY),
        1,
        10_000,
      ),
    },
  };
}

/** `POINTS/SECONDS`, e.g. `20/60`: twenty per minute. */
function rateWindow(env: Env, name: keyof typeof RATE_LIMIT_DEFAULTS): RateWindow {
  const raw = env[name]?.trim() || RATE_LIMIT_DEFAULTS[name];
  const match = /^(\d{1,7})\/(\d{1,7})$/.exec(raw);
  if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) {
    throw new ConfigError(name, 'must be POINTS/SECONDS with both at least 1, e.g. 20/60 for twenty a minute');
  }
  return { points: Number(match[1]), seconds: Number(match[2]) };
}

function whole(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}`);
  }
  return Number(raw);
}
