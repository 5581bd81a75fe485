import { EventStore, StreamHeadsTracker, writeAuditDigest } from '@identity/event-store';
import { loadAuditSigningKey } from '@identity/audit';
import { AppConfig } from '@identity/config';
import { auditOptions } from './audit-options';
import { estimatedEvents } from '../estimated-events';
import { ProgressReporter } from '../progress-reporter';

/** `audit digest`: reads every stream's head now and appends a signed digest (their Merkle root). */
export async function auditDigest(
  config: AppConfig,
  store: EventStore,
  args: string[],
  out: (line: string) => void,
  progress: (line: string) => void,
): Promise<void> {
  auditOptions(args, []);
  const key = loadAuditSigningKey({ envValue: config.audit.signingKey, dataDir: config.dataDir, warn: progress, create: true });
  if (!key) throw new Error('no audit signing key');
  const tracker = new StreamHeadsTracker();
  try {
    const reporter = new ProgressReporter('audit digest', process.stderr, { total: estimatedEvents(store) });
    await tracker.catchUp(store, (n) => reporter.update(n));
    reporter.done();
    const written = await writeAuditDigest(store, tracker, key, 'cli');
    out(
      `wrote audit digest ${written.streamId}@${written.revision}: the heads of ${written.streamCount} streams` +
        ` up to position ${written.coversPosition ?? 'none'}`,
    );
  } finally {
    tracker.close();
  }
}
