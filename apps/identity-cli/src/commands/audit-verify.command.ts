import { readFileSync } from 'node:fs';
import { KeyObject } from 'node:crypto';
import { EventStore } from '@identity/event-store';
import { loadAuditSigningKey, parsePublicKey } from '@identity/audit';
import { AppConfig } from '@identity/config';
import { openReadModelsReadOnly } from '@identity/read-models';
import { verifyAuditTrail } from '@identity/audit';
import { auditOptions } from './audit-options';
import { estimatedEvents } from '../estimated-events';
import { ProgressReporter } from '../progress-reporter';

/**
 * `audit verify [--public-key FILE]`: true when every chain, digest and read-model row holds. The
 * public key is the given PEM file, else the one of the configured signing key (never generated here).
 */
export async function auditVerify(
  config: AppConfig,
  store: EventStore,
  args: string[],
  out: (line: string) => void,
  progress: (line: string) => void,
): Promise<boolean> {
  const options = auditOptions(args, ['public-key']);
  const readModels = openReadModelsReadOnly(config);
  try {
    const reporter = new ProgressReporter('audit verify', process.stderr, { total: estimatedEvents(store) });
    const result = await verifyAuditTrail({
      store,
      publicKey: publicKeyFor(config, options['public-key']),
      readModels,
      out,
      progress: (line, events) => (events === undefined ? progress(line) : reporter.update(events)),
      progressEvery: 2000,
    });
    reporter.done();
    return result.ok;
  } finally {
    await readModels?.close();
  }
}

function publicKeyFor(config: AppConfig, file: string | undefined): KeyObject | null {
  if (file !== undefined) return parsePublicKey(readFileSync(file, 'utf8'), file);
  const key = loadAuditSigningKey({ envValue: config.audit.signingKey, dataDir: config.dataDir, warn: () => undefined, create: false });
  return key?.publicKey ?? null;
}
