import { loadConfig } from '@identity/config';

describe('webhook configuration', () => {
  it('has safe defaults: private networks refused, 5 s timeout, 10 failures, backoff from 5 s up to 5 min', () => {
    expect(loadConfig({}).webhooks).toEqual({
      allowPrivateNetworks: false,
      retryBaseMs: 5000,
      retryMaxMs: 300_000,
      maxFailures: 10,
      timeoutMs: 5000,
    });
  });

  it('reads the variables', () => {
    const config = loadConfig({
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      WEBHOOK_RETRY_BASE_MS: '20',
      WEBHOOK_RETRY_MAX_MS: '200',
      WEBHOOK_MAX_FAILURES: '3',
      WEBHOOK_TIMEOUT_MS: '1000',
    });
    expect(config.webhooks).toEqual({ allowPrivateNetworks: true, retryBaseMs: 20, retryMaxMs: 200, maxFailures: 3, timeoutMs: 1000 });
  });

  it.each([
    [{ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'yes' }, /^WEBHOOK_ALLOW_PRIVATE_NETWORKS:/],
    [{ WEBHOOK_MAX_FAILURES: '0' }, /^WEBHOOK_MAX_FAILURES:/],
    [{ WEBHOOK_TIMEOUT_MS: 'soon' }, /^WEBHOOK_TIMEOUT_MS:/],
  ])('names the variable that is wrong: %j', (env, message) => expect(() => loadConfig(env)).toThrow(message));
});
