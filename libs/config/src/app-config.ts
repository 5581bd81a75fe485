import { ConfigError } from './config-error';
import { resolve } from 'node:path';
import { AbuseLimitsConfig, loadAbuseLimits } from './abuse-limits-config';
import { assertProductionSafe } from './production-safety';

/** The service's configuration, read once from the environment and validated. Nothing else reads process.env. */
export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  eventStore: 'sqlite' | 'kurrentdb';
  kurrentdbConnectionString: string | null;
  /** READ_MODEL_URL: a PostgreSQL URL for the read models; null: embedded SQLite in DATA_DIR. */
  readModelUrl: string | null;
  masterKey: string | null;
  smsWebhookUrl: string | null;
  smtpUrl: string | null;
  smtpFrom: string | null;
  totpIssuer: string;
  lockoutThreshold: number;
  lockoutSeconds: number;
  /** The lockout's further limits (docs/security.md, docs/adr/0005-lockout.md). */
  lockout: LockoutConfig;
  sessionTtlSeconds: number;
  /** IDEMPOTENCY_TTL_SECONDS: how long the answer to a mutation sent with an Idempotency-Key is kept. */
  idempotencyTtlSeconds: number;
  /** STEP_UP_MAX_AGE_SECONDS: how old a session's second-factor proof may be for a sensitive operation. */
  stepUpMaxAgeSeconds: number;
  /** REMEMBERED_DEVICE_MAX_SECONDS: the longest a remembered device skips the logon's code, whatever a preference says. */
  rememberedDeviceMaxSeconds: number;
  webhooks: WebhookConfig;
  audit: AuditConfig;
  /** Operation and rate limits, proxy trust, introspection (docs/security.md). */
  limits: AbuseLimitsConfig;
  /** LOG_LEVEL: the lowest level written to the JSON log (docs/operations.md). */
  logLevel: LogLevel;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export interface LockoutConfig {
  /** LOCKOUT_PASSWORD_FAILURE_CAP: wrong passwords from all addresses per lock period (default 10 × threshold). */
  passwordFailureCap: number;
  /** LOCKOUT_SECOND_FACTOR_CAP: wrong codes in a row, across locks, until the lock needs an unlock (default 100). */
  secondFactorFailureCap: number;
  /** LOCKOUT_CHALLENGE_ATTEMPTS: wrong codes one logon challenge takes (default 3). */
  challengeMaxAttempts: number;
  /** LOCKOUT_MAX_SECONDS: the longest an escalated second-factor lock lasts (default 86400). */
  maxLockSeconds: number;
}

/** Tamper evidence (docs/audit.md). */
export interface AuditConfig {
  /** AUDIT_SIGNING_KEY: Ed25519 private key, PEM or base64 of PKCS#8 DER; null: DATA_DIR/audit-signing.key. */
  signingKey: string | null;
  digestIntervalSeconds: number;
}

/** Webhook delivery (docs/webhooks.md). */
export interface WebhookConfig {
  /** Lets webhook URLs reach private, loopback and link-local addresses (for tests and closed networks). */
  allowPrivateNetworks: boolean;
  retryBaseMs: number;
  retryMaxMs: number;
  maxFailures: number;
  timeoutMs: number;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export { ConfigError } from './config-error';

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): AppConfig {
  const text = (name: string): string | null => {
    const value = env[name]?.trim();
    return value ? value : null;
  };
  const eventStore = text('EVENT_STORE') ?? 'sqlite';
  if (eventStore !== 'sqlite' && eventStore !== 'kurrentdb') {
    throw new ConfigError('EVENT_STORE', `must be "sqlite" or "kurrentdb", not ${JSON.stringify(eventStore)}`);
  }
  const kurrentdbConnectionString = text('KURRENTDB_CONNECTION_STRING');
  if (eventStore === 'kurrentdb') requireKurrentDbConnectionString(kurrentdbConnectionString);
  const readModelUrl = postgresUrl(text('READ_MODEL_URL'), 'READ_MODEL_URL');
  const config: AppConfig = {
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: text('HOST') ?? '127.0.0.1',
    dataDir: resolve(text('DATA_DIR') ?? './data'),
    eventStore,
    kurrentdbConnectionString,
    readModelUrl,
    masterKey: text('IDENTITY_MASTER_KEY'),
    smsWebhookUrl: url(text('SMS_WEBHOOK_URL'), 'SMS_WEBHOOK_URL', ['http:', 'https:']),
    smtpUrl: url(text('SMTP_URL'), 'SMTP_URL', ['smtp:', 'smtps:']),
    smtpFrom: text('SMTP_FROM'),
    totpIssuer: text('TOTP_ISSUER') ?? 'Identity',
    lockoutThreshold: integer(env, 'LOCKOUT_THRESHOLD', 5, 1, 1000),
    lockoutSeconds: integer(env, 'LOCKOUT_DURATION_SECONDS', 900, 1, 7 * 24 * 3600),
    lockout: lockoutLimits(env),
    sessionTtlSeconds: integer(env, 'SESSION_TTL_SECONDS', 900, 30, 24 * 3600),
    idempotencyTtlSeconds: integer(env, 'IDEMPOTENCY_TTL_SECONDS', 24 * 3600, 60, 7 * 24 * 3600),
    stepUpMaxAgeSeconds: integer(env, 'STEP_UP_MAX_AGE_SECONDS', 300, 1, 24 * 3600),
    rememberedDeviceMaxSeconds: integer(env, 'REMEMBERED_DEVICE_MAX_SECONDS', 30 * 24 * 3600, 1, 30 * 24 * 3600),
    webhooks: {
      allowPrivateNetworks: flag(env, 'WEBHOOK_ALLOW_PRIVATE_NETWORKS'),
      retryBaseMs: integer(env, 'WEBHOOK_RETRY_BASE_MS', 5000, 1, 3600_000),
      retryMaxMs: integer(env, 'WEBHOOK_RETRY_MAX_MS', 300_000, 1, 24 * 3600_000),
      maxFailures: integer(env, 'WEBHOOK_MAX_FAILURES', 10, 1, 1000),
      timeoutMs: integer(env, 'WEBHOOK_TIMEOUT_MS', 5000, 100, 120_000),
    },
    audit: {
      signingKey: env.AUDIT_SIGNING_KEY?.trim() ? env.AUDIT_SIGNING_KEY : null,
      digestIntervalSeconds: integer(env, 'AUDIT_DIGEST_INTERVAL_SECONDS', 3600, 1, 7 * 24 * 3600),
    },
    limits: loadAbuseLimits(env),
    logLevel: logLevel(text('LOG_LEVEL')),
  };
  assertProductionSafe(config);
  return config;
}

function lockoutLimits(env: Env): LockoutConfig {
  const threshold = integer(env, 'LOCKOUT_THRESHOLD', 5, 1, 1000);
  return {
    passwordFailureCap: integer(env, 'LOCKOUT_PASSWORD_FAILURE_CAP', 10 * threshold, 1, 100_000),
    // NIST SP 800-63B: at most 100 consecutive failed attempts.
    secondFactorFailureCap: integer(env, 'LOCKOUT_SECOND_FACTOR_CAP', 100, 1, 100),
    challengeMaxAttempts: integer(env, 'LOCKOUT_CHALLENGE_ATTEMPTS', 3, 1, 100),
    maxLockSeconds: integer(env, 'LOCKOUT_MAX_SECONDS', 24 * 3600, 1, 7 * 24 * 3600),
  };
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}`);
  }
  return Number(raw);
}

function logLevel(value: string | null): LogLevel {
  if (value === null) return 'info';
  const level = LOG_LEVELS.find((known) => known === value.toLowerCase());
  if (!level) throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  return level;
}

function flag(env: Env, name: string): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw || raw === 'false') return false;
  if (raw === 'true') return true;
  throw new ConfigError(name, 'must be "true" or "false"');
}

function url(value: string | null, name: string, protocols: string[]): string | null {
  if (value === null) return null;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(name, 'is not a valid URL');
  }
  if (!protocols.includes(parsed.protocol)) throw new ConfigError(name, `must start with ${protocols.join(' or ')}//`);
  return value;
}

/** `postgres://user@host/db` or `postgresql://…`; anything else names the variable. */
function postgresUrl(value: string | null, name: string): string | null {
  if (value === null) return null;
  const problem = 'must be a PostgreSQL URL such as postgres://user@host:5432/db (or unset it for embedded SQLite in DATA_DIR)';
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(name, problem);
  }
  if (!['postgres:', 'postgresql:'].includes(parsed.protocol) || !parsed.hostname) throw new ConfigError(name, problem);
  return value;
}

function requireKurrentDbConnectionString(value: string | null): void {
  if (value === null) throw new ConfigError('KURRENTDB_CONNECTION_STRING', 'is required when EVENT_STORE=kurrentdb');
  if (!/^(kurrentdb|kurrent|kdb|esdb)(\+discover)?:\/\/[^/?#\s]+/i.test(value)) {
    throw new ConfigError('KURRENTDB_CONNECTION_STRING', 'must look like kurrentdb://host:2113?tls=false (or esdb://…)');
  }
}
