import { eventSubject, redactEventData, SERVICE_STREAM_PREFIXES } from '@identity/domain';
import { positionToString, RecordedEvent } from '@identity/event-store';
import { BuildingProjection, Projection } from '../projections/projection';
import { ReadModelSql } from '../db/read-model-db.port';
import { AUDIT_HISTORY_TABLE, AuditHistoryRepository, AuditRow } from './audit-history.repository';

/**
 * `audit_history.v1`: every event of the service's streams, with who, when and from where, and its
 * data redacted. Rows are keyed by event id, so a redelivered event adds nothing. An AccountErased
 * clears the personal data of every row of its account (erased-audit-data.ts); a rebuild does the same.
 * A rebuild fills its table through `buildingInto`: no index until the rows are in, the rows numbered
 * on in memory, and the erasures applied at the end to the rows up to each erasure's own.
 */
export class AuditHistoryProjection implements Projection {
  readonly name = 'audit_history.v1';
  readonly streamPrefixes = SERVICE_STREAM_PREFIXES;
  readonly tables: readonly string[];

  /** While building (buildingInto): the next row's `seq` (null before the first batch) and the erasures still to apply. */
  private readonly building: { nextSeq: number | null; erasures: { accountId: string; throughSeq: number }[] } | null;

  constructor(
    private readonly table = AUDIT_HISTORY_TABLE,
    building = false,
  ) {
    this.tables = [table];
    this.building = building ? { nextSeq: null, erasures: [] } : null;
  }

  writingInto(rename: (table: string) => string): AuditHistoryProjection {
    return new AuditHistoryProjection(rename(this.table));
  }

  buildingInto(rename: (table: string) => string): BuildingProjection {
    return new AuditHistoryProjection(rename(this.table), true);
  }

  async setUp(db: ReadModelSql): Promise<void> {
    if (this.building) await AuditHistoryRepository.setUpUnindexed(db, this.table);
    else await AuditHistoryRepository.setUp(db, this.table);
  }

  /** A building table's indexes (named after `table`: its name now, the live one once swapped in), then the erasures met while building. */
  async finishBuilding(db: ReadModelSql, [table]: readonly string[] = this.tables): Promise<void> {
    if (!this.building || !table) throw new Error(`${this.name}: finishBuilding of a table that is not being built`);
    await AuditHistoryRepository.createIndexes(db, table);
    const repository = new AuditHistoryRepository(db, table);
    for (const { accountId, throughSeq } of this.building.erasures) await repository.eraseAccount(accountId, throughSeq);
    this.building.erasures = [];
  }

  async apply(db: ReadModelSql, event: RecordedEvent): Promise<void> {
    await this.applyBatch(db, [event]);
  }

  /** The batch's rows numbered on from one `seq` query; a redelivered event takes no number. */
  async applyBatch(db: ReadModelSql, events: readonly RecordedEvent[], onEvent?: (event: RecordedEvent) => void): Promise<void> {
    const building = this.building;
    const repository = new AuditHistoryRepository(db, this.table, building !== null);
    let seq = building?.nextSeq ?? (await repository.nextSeq());
    for (const event of events) {
      onEvent?.(event);
      const row = this.rowOf(event);
      if (await repository.insertAt(row, seq)) seq += 1;
      if (event.type !== 'AccountErased' || row.accountId === null) continue;
      // Its own row included: from an erasure on, the account's rows show no personal data.
      if (building) building.erasures.push({ accountId: row.accountId, throughSeq: seq - 1 });
      else await repository.eraseAccount(row.accountId);
    }
    if (building) building.nextSeq = seq;
  }

  /** The row an event gives, as it is inserted (before any later erasure of its account). */
  rowOf(event: RecordedEvent): AuditRow {
    const data = event.data as Record<string, unknown>;
    const m = event.metadata;
    // One text per number and one ISO string per row (a single-sequence store's commit is its prepare).
    const { commit, prepare } = event.position;
    const commitPosition = commit.toString();
    const preparePosition = prepare === commit ? commitPosition : prepare.toString();
    const recordedAt = event.recordedAt.toISOString();
    return {
      eventId: event.id,
      position: prepare === commit ? commitPosition : positionToString(event.position),
      commitPosition,
      preparePosition,
      streamId: event.streamId,
      accountId: eventSubject(event.streamId, data),
      type: event.type,
      occurredAt: typeof data.at === 'string' ? data.at : recordedAt,
      recordedAt,
      actor: m.actor ?? null,
      ip: m.ip ?? null,
      userAgent: m.userAgent ?? null,
      correlationId: m.correlationId ?? null,
      causationId: m.causationId ?? null,
      data: redactEventData(event.type, data),
    };
  }
}
