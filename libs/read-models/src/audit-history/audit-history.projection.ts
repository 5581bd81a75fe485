import { eventSubject, redactEventData, SERVICE_STREAM_PREFIXES } from '@identity/domain';
import { positionToString, RecordedEvent } from '@identity/event-store';
import { Projection } from '../projections/projection';
import { ReadModelSql } from '../db/read-model-db.port';
import { AUDIT_HISTORY_TABLE, AuditHistoryRepository, AuditRow } from './audit-history.repository';

/**
 * `audit_history.v1`: every event of the service's streams, with who, when and from where, and its
 * data redacted. Rows are keyed by event id, so a redelivered event adds nothing. An AccountErased
 * clears the personal data of every row of its account (erased-audit-data.ts); a rebuild does the same.
 */
export class AuditHistoryProjection implements Projection {
  readonly name = 'audit_history.v1';
  readonly streamPrefixes = SERVICE_STREAM_PREFIXES;
  readonly tables: readonly string[];

  constructor(private readonly table = AUDIT_HISTORY_TABLE) {
    this.tables = [table];
  }

  writingInto(rename: (table: string) => string): AuditHistoryProjection {
    return new AuditHistoryProjection(rename(this.table));
  }

  async setUp(db: ReadModelSql): Promise<void> {
    await AuditHistoryRepository.setUp(db, this.table);
  }

  async apply(db: ReadModelSql, event: RecordedEvent): Promise<void> {
    await this.applyBatch(db, [event]);
  }

  /** The batch's rows numbered on from one `seq` query; a redelivered event takes no number. */
  async applyBatch(db: ReadModelSql, events: readonly RecordedEvent[], onEvent?: (event: RecordedEvent) => void): Promise<void> {
    const repository = new AuditHistoryRepository(db, this.table);
    let seq = await repository.nextSeq();
    for (const event of events) {
      onEvent?.(event);
      const row = this.rowOf(event);
      if (await repository.insertAt(row, seq)) seq += 1;
      // Its own row included: from an erasure on, the account's rows show no personal data.
      if (event.type === 'AccountErased' && row.accountId !== null) await repository.eraseAccount(row.accountId);
    }
  }

  /** The row an event gives, as it is inserted (before any later erasure of its account). */
  rowOf(event: RecordedEvent): AuditRow {
    const data = event.data as Record<string, unknown>;
    const m = event.metadata;
    return {
      eventId: event.id,
      position: positionToString(event.position),
      commitPosition: event.position.commit.toString(),
      preparePosition: event.position.prepare.toString(),
      streamId: event.streamId,
      accountId: eventSubject(event.streamId, data),
      type: event.type,
      occurredAt: typeof data.at === 'string' ? data.at : event.recordedAt.toISOString(),
      recordedAt: event.recordedAt.toISOString(),
      actor: m.actor ?? null,
      ip: m.ip ?? null,
      userAgent: m.userAgent ?? null,
      correlationId: m.correlationId ?? null,
      causationId: m.causationId ?? null,
      data: redactEventData(event.type, data),
    };
  }
}
