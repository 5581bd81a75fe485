import { loadConfig } from './app-config';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      eventStore: 'sqlite',
      totpIssuer: 'Identity',
      lockoutThreshold: 5,
      lockoutSeconds: 900,
      stepUpMaxAgeSeconds: 300,
      rememberedDeviceMaxSeconds: 2592000,
      smsWebhookUrl: null,
      smtpUrl: null,
      logLevel: 'info',
    });
    expect(config.dataDir.endsWith('/data')).toBe(true);
    expect(config.lockout).toEqual({ passwordFailureCap: 50, secondFactorFailureCap: 100, challengeMaxAttempts: 3, maxLockSeconds: 86400 });
  });

  it('derives the cap across addresses from the threshold unless set, and keeps the total cap at most 100 (NIST)', () => {
    expect(loadConfig({ LOCKOUT_THRESHOLD: '3' }).lockout.passwordFailureCap).toBe(30);
    expect(loadConfig({ LOCKOUT_PASSWORD_FAILURE_CAP: '7' }).lockout.passwordFailureCap).toBe(7);
    expect(() => loadConfig({ LOCKOUT_SECOND_FACTOR_CAP: '101' })).toThrow(/^LOCKOUT_SECOND_FACTOR_CAP:/);
  });

  it.each([
    [{ PORT: 'eighty' }, /^PORT:/],
    [{ EVENT_STORE: 'mongo' }, /^EVENT_STORE:/],
    [{ EVENT_STORE: 'kurrentdb' }, /^KURRENTDB_CONNECTION_STRING:.*required/],
    [{ EVENT_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: 'http://x' }, /^KURRENTDB_CONNECTION_STRING:/],
    [{ SMS_WEBHOOK_URL: 'not a url' }, /^SMS_WEBHOOK_URL:/],
    [{ SMTP_URL: 'http://mail' }, /^SMTP_URL:/],
    [{ LOCKOUT_THRESHOLD: '0' }, /^LOCKOUT_THRESHOLD:/],
    [{ READ_MODEL_URL: 'mysql://x/y' }, /^READ_MODEL_URL:/],
    [{ READ_MODEL_URL: 'read-models.db' }, /^READ_MODEL_URL:/],
    [{ READ_MODEL_URL: 'postgres:///db' }, /^READ_MODEL_URL:/],
    [{ AUDIT_DIGEST_INTERVAL_SECONDS: '0' }, /^AUDIT_DIGEST_INTERVAL_SECONDS:/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL:/],
    [{ STEP_UP_MAX_AGE_SECONDS: '0' }, /^STEP_UP_MAX_AGE_SECONDS:/],
    [{ REMEMBERED_DEVICE_MAX_SECONDS: '0' }, /^REMEMBERED_DEVICE_MAX_SECONDS:/],
    [{ REMEMBERED_DEVICE_MAX_SECONDS: '2592001' }, /^REMEMBERED_DEVICE_MAX_SECONDS:/],
  ])('names the variable that is wrong: %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('takes LOG_LEVEL in any case', () => {
    expect(loadConfig({ LOG_LEVEL: 'DEBUG' }).logLevel).toBe('debug');
  });

  it('keeps the read models in embedded SQLite unless READ_MODEL_URL names a PostgreSQL database', () => {
    expect(loadConfig({}).readModelUrl).toBeNull();
    for (const url of ['postgres://identity@db.internal/identity', 'postgresql://u:p@127.0.0.1:5432/read_models?sslmode=disable']) {
      expect(loadConfig({ READ_MODEL_URL: url }).readModelUrl).toBe(url);
    }
  });

  it('accepts both KurrentDB URL schemes', () => {
    for (const scheme of ['kurrentdb', 'esdb']) {
      const config = loadConfig({ EVENT_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: `${scheme}://127.0.0.1:2113?tls=false` });
      expect(config.eventStore).toBe('kurrentdb');
    }
  });
});
