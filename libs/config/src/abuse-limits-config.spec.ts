import { ConfigError, loadConfig } from './app-config';

const base = { DATA_DIR: '/tmp/unused' };
const production = {
  ...base,
  NODE_ENV: 'production',
  SMS_WEBHOOK_URL: 'https://sms.example/hook',
  SMTP_URL: 'smtp://mail.example:587',
  IDENTITY_MASTER_KEY: Buffer.alloc(32, 1).toString('base64'),
  AUDIT_SIGNING_KEY: 'pem',
};
const variableOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return null;
  } catch (error) {
    return error instanceof ConfigError ? error.variable : String(error);
  }
};

describe('abuse limits configuration', () => {
  it('has the documented defaults and no introspection outside development', () => {
    const { limits } = loadConfig(base);
    expect(limits.operations).toEqual({
      maxAliases: 10,
      maxRootFields: 10,
      maxDepth: 10,
      maxCost: 2000,
      maxPageSize: 100,
      maxTokens: 2000,
    });
    expect(limits.rates.logonPerAddress).toEqual({ points: 20, seconds: 60 });
    expect(limits).toMatchObject({ introspection: false, trustProxyHops: 0, rateLimitRedisUrl: null });
    expect(loadConfig({ ...base, NODE_ENV: 'development' }).limits.introspection).toBe(true);
    expect(loadConfig({ ...base, GRAPHQL_INTROSPECTION: 'true' }).limits.introspection).toBe(true);
  });

  it('names a malformed limit', () => {
    expect(variableOf({ ...base, RATE_LIMIT_LOGON_PER_ADDRESS: 'twenty' })).toBe('RATE_LIMIT_LOGON_PER_ADDRESS');
    expect(variableOf({ ...base, TRUST_PROXY: '-1' })).toBe('TRUST_PROXY');
    expect(variableOf({ ...base, RATE_LIMIT_REDIS_URL: 'http://x' })).toBe('RATE_LIMIT_REDIS_URL');
  });

  it.each(['SMS_WEBHOOK_URL', 'SMTP_URL', 'IDENTITY_MASTER_KEY', 'AUDIT_SIGNING_KEY'])(
    'refuses NODE_ENV=production without %s',
    (variable) => {
      const env: Record<string, string> = { ...production };
      delete env[variable];
      expect(variableOf(env)).toBe(variable);
    },
  );

  it('starts in production with everything set', () => expect(variableOf(production)).toBeNull());
});
