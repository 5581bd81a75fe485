import { EventStore } from '@identity/event-store';
import { UsageError } from '../cli-args';
import { DEFAULT_CLOUD_EVENT_SOURCE } from '@identity/audit';
import { exportAuditEvents } from '@identity/audit';
import { lineWriter } from '@identity/audit';
import { auditOptions } from './audit-options';
import { estimatedEvents } from '../estimated-events';
import { ProgressReporter } from '../progress-reporter';

/**
 * `audit export [--account ID] [--from ISO] [--to ISO] [--source URI]`: NDJSON CloudEvents on
 * standard output, progress on standard error. False when a damaged event had to be skipped.
 */
export async function auditExport(store: EventStore, args: string[], progress: (line: string) => void): Promise<boolean> {
  const options = auditOptions(args, ['account', 'from', 'to', 'source']);
  const reporter = new ProgressReporter('audit export', process.stderr, { total: estimatedEvents(store) });
  const result = await exportAuditEvents(
    store,
    {
      accountId: options.account,
      fromMs: instant(options, 'from'),
      toMs: instant(options, 'to'),
    },
    options.source ?? DEFAULT_CLOUD_EVENT_SOURCE,
    lineWriter(process.stdout),
    (line, events) => (events === undefined ? progress(line) : reporter.update(events)),
    progress,
    2000,
  );
  reporter.done();
  progress(
    `audit export: ${result.written} of ${result.read} events written` +
      (result.unreadable > 0 ? `; ${result.unreadable} unreadable events skipped` : ''),
  );
  return result.unreadable === 0;
}

function instant(options: Record<string, string>, name: string): number | undefined {
  const text = options[name];
  if (text === undefined) return undefined;
  const ms = Date.parse(text);
  if (!/^\d{4}-\d\d-\d\d/.test(text) || Number.isNaN(ms)) throw new UsageError(`--${name} must be an ISO-8601 date or time`);
  return ms;
}
