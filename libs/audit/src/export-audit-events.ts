import { eventSubject } from '@identity/domain';
import { EventStore, readAllTolerant, UnreadableEventError } from '@identity/event-store';
import { timeOf, toCloudEvent } from './cloud-event';

export interface AuditExportFilter {
  accountId?: string;
  /** Inclusive, epoch milliseconds. */
  fromMs?: number;
  /** Exclusive, epoch milliseconds. */
  toMs?: number;
}

export interface AuditExportResult {
  read: number;
  written: number;
  unreadable: number;
}

/**
 * `audit export`: every event (or one account's, in a time window) as one CloudEvents JSON object per
 * line, in `$all` order, streamed: `writeLine` is awaited, so a slow reader slows the export down
 * instead of filling memory. Unreadable (damaged) events are reported to `warn` and skipped.
 */
export async function exportAuditEvents(
  store: EventStore,
  filter: AuditExportFilter,
  source: string,
  writeLine: (line: string) => Promise<void> | void,
  progress: (line: string, events?: number) => void,
  warn: (line: string) => void,
  progressEvery = 10_000,
): Promise<AuditExportResult> {
  const result: AuditExportResult = { read: 0, written: 0, unreadable: 0 };
  const onUnreadable = (error: UnreadableEventError) => {
    result.unreadable += 1;
    warn(`skipped: ${error.message}`);
  };
  for await (const event of readAllTolerant(store, onUnreadable)) {
    if (++result.read % progressEvery === 0) progress(`audit export: ${result.read} events read, ${result.written} written`, result.read);
    if (filter.accountId !== undefined && eventSubject(event.streamId, event.data) !== filter.accountId) continue;
    if (filter.fromMs !== undefined || filter.toMs !== undefined) {
      const time = Date.parse(timeOf(event));
      if (filter.fromMs !== undefined && !(time >= filter.fromMs)) continue;
      if (filter.toMs !== undefined && !(time < filter.toMs)) continue;
    }
    await writeLine(JSON.stringify(toCloudEvent(event, source)));
    result.written += 1;
  }
  return result;
}
