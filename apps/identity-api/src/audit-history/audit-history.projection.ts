import type Database from 'better-sqlite3';
import { redactEventData, SERVICE_STREAM_PREFIXES, STREAM_CATEGORIES, streamCategory, streamEntityId } from '@identity/domain';
import { positionToString, RecordedEvent } from '@identity/event-store';
import { Projection } from '../projections/projection';
import { AUDIT_HISTORY_TABLE, AuditHistoryRepository } from './audit-history.repository';

/**
 * `audit_history.v1`: every event of the service's streams, with who, when and from where, and its
 * data redacted. Rows are keyed by event id, so a redelivered event adds nothing.
 */
export class AuditHistoryProjection implements Projection {
  readonly name = 'audit_history.v1';
  readonly streamPrefixes = SERVICE_STREAM_PREFIXES;

  setUp(db: Database.Database): void {
    AuditHistoryRepository.setUp(db);
  }

  reset(db: Database.Database): void {
    db.exec(`DELETE FROM ${AUDIT_HISTORY_TABLE}`);
  }

  apply(db: Database.Database, event: RecordedEvent): void {
    const data = event.data as Record<string, unknown>;
    const accountId = streamCategory(event.streamId) === STREAM_CATEGORIES.account
      ? streamEntityId(event.streamId)
      : typeof data.accountId === 'string' ? data.accountId : null;
    const m = event.metadata;
    new AuditHistoryRepository(db).insert({
      eventId: event.id, position: positionToString(event.position), commitPosition: event.position.commit.toString(),
      preparePosition: event.position.prepare.toString(), streamId: event.streamId, accountId, type: event.type,
      occurredAt: typeof data.at === 'string' ? data.at : event.recordedAt.toISOString(), recordedAt: event.recordedAt.toISOString(),
      actor: m.actor ?? null, ip: m.ip ?? null, userAgent: m.userAgent ?? null, correlationId: m.correlationId ?? null,
      causationId: m.causationId ?? null, data: redactEventData(data),
    });
  }
}
