import { ConfigError } from './config-error';

/** The parts of the configuration that production refuses to run without (a leaf: app-config.ts calls this). */
export interface ProductionRelevantConfig {
  limits: { nodeEnv: string | null };
  smsWebhookUrl: string | null;
  smtpUrl: string | null;
  masterKey: string | null;
  audit: { signingKey: unknown };
}

/**
 * With NODE_ENV=production the service does not start on development conveniences: codes written to
 * the log for a channel a user can pick (enableProtection takes SMS and EMAIL), or a master key or an
 * audit signing key generated into DATA_DIR. The error names the variable to set.
 */
export function assertProductionSafe(config: ProductionRelevantConfig): void {
  if (config.limits.nodeEnv !== 'production') return;
  if (!config.smsWebhookUrl) throw new ConfigError('SMS_WEBHOOK_URL', 'is required with NODE_ENV=production (codes would go to the log)');
  if (!config.smtpUrl) throw new ConfigError('SMTP_URL', 'is required with NODE_ENV=production (codes would go to the log)');
  if (!config.masterKey)
    throw new ConfigError('IDENTITY_MASTER_KEY', 'is required with NODE_ENV=production (a generated key is for development)');
  if (!config.audit.signingKey)
    throw new ConfigError('AUDIT_SIGNING_KEY', 'is required with NODE_ENV=production (a generated key is for development)');
}
