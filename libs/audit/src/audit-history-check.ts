import { AuditMismatch, comparePositions, Position, RecordedEvent } from '@identity/event-store';
import { STREAM_CATEGORIES, streamCategory, streamEntityId } from '@identity/domain';
import { AuditHistoryProjection, erasedAuditData } from '@identity/read-models';
import { AUDIT_HISTORY_TABLE, auditRowColumns } from '@identity/read-models';
import { ReadModelSql } from '@identity/read-models';
import { describeDifferences, differingColumns, PagedRows, Row } from './read-model-snapshot';

/**
 * Compares `audit_history_v1` with the events, in one pass: the row each event (up to the projection's
 * checkpoint) gives, by the projection's own mapping, is compared
 * with the stored row (in SQLite or PostgreSQL) at the same place of the `seq` order. Memory: one page of rows.
 */
export class AuditHistoryCheck {
  readonly projection = new AuditHistoryProjection();
  private readonly rows: PagedRows;
  private compared = 0;
  /** Accounts whose AccountErased was read, and the first row of each account found in its erased form. */
  private readonly erasedAccounts = new Set<string>();
  private readonly rowsShownErased = new Map<string, AuditMismatch>();

  private constructor(
    db: ReadModelSql,
    private readonly checkpoint: Position | undefined,
    private readonly report: (m: AuditMismatch) => void,
  ) {
    this.rows = new PagedRows(db, AUDIT_HISTORY_TABLE, 'seq');
  }

  static async open(db: ReadModelSql, checkpoint: Position | undefined, report: (m: AuditMismatch) => void): Promise<AuditHistoryCheck> {
    return new AuditHistoryCheck(db, checkpoint, report);
  }

  async onEvent(event: RecordedEvent): Promise<void> {
    if (event.type === 'AccountErased' && streamCategory(event.streamId) === STREAM_CATEGORIES.account) {
      this.erasedAccounts.add(streamEntityId(event.streamId));
    }
    if (this.checkpoint === undefined || comparePositions(event.position, this.checkpoint) > 0) return;
    if (!this.projection.streamPrefixes.some((prefix) => event.streamId.startsWith(prefix))) return;
    const expected = this.expectedRow(event);
    const at = { kind: 'history-row', streamId: event.streamId, revision: event.revision, eventId: event.id };
    for (let row = await this.rows.peek(); ; row = await this.rows.peek()) {
      if (row && row.event_id === event.id) {
        const differs = sameAuditRow(row, expected) ? [] : differingColumns(toSeconds(row), toSeconds(expected), ['seq']);
        if (differs.length > 0 && this.shownErased(row, expected)) this.noteErased(String(expected.account_id), at);
        else if (differs.length > 0)
          this.report({ ...at, detail: `the ${AUDIT_HISTORY_TABLE} row differs in ${describeDifferences(row, expected, differs)}` });
        await this.rows.take();
        this.compared += 1;
        return;
      }
      if (row && comparePositions(positionOf(row), event.position) < 0) {
        this.reportExtra((await this.rows.take()) as Row);
        continue;
      }
      this.report({ ...at, detail: `${AUDIT_HISTORY_TABLE} has no row for this event` });
      return;
    }
  }

  /**
   * The row the projection writes for this event alone (no SQL: the projection's own row and column
   * mapping); an AccountErased row is stored erased, as the projection erases its account's rows.
   */
  private expectedRow(event: RecordedEvent): Row {
    const row = this.projection.rowOf(event);
    const stored = auditRowColumns(row, 0);
    if (event.type !== 'AccountErased' || row.accountId === null) return stored;
    return { ...stored, ip: null, user_agent: null, data: JSON.stringify(erasedAuditData(JSON.parse(String(stored.data)))) };
  }

  /** Whether the stored row is the row the event gives once its account was erased (erasedAuditData, no address). */
  private shownErased(row: Row, expected: Row): boolean {
    if (typeof expected.account_id !== 'string' || typeof expected.data !== 'string') return false;
    const erased = { ...expected, ip: null, user_agent: null, data: JSON.stringify(erasedAuditData(JSON.parse(expected.data))) };
    return differingColumns(toSeconds(row), toSeconds(erased), ['seq']).length === 0;
  }

  private noteErased(accountId: string, at: Omit<AuditMismatch, 'detail'>): void {
    if (this.rowsShownErased.has(accountId)) return;
    this.rowsShownErased.set(accountId, {
      ...at,
      detail: `the ${AUDIT_HISTORY_TABLE} rows of account ${accountId} show it erased, no AccountErased does`,
    });
  }

  /** The rows left after the last event: rows of no event (rows after the checkpoint are the app's new ones). */
  async finish(): Promise<string> {
    for (const [accountId, mismatch] of this.rowsShownErased) if (!this.erasedAccounts.has(accountId)) this.report(mismatch);
    for (let row = await this.rows.take(); row; row = await this.rows.take()) {
      if (this.checkpoint !== undefined && comparePositions(positionOf(row), this.checkpoint) <= 0) this.reportExtra(row);
    }
    return `${AUDIT_HISTORY_TABLE}: ${this.compared} rows compared`;
  }

  private reportExtra(row: Row): void {
    this.report({
      kind: 'history-row',
      streamId: String(row.stream_id),
      revision: null,
      eventId: String(row.event_id),
      detail: `the ${AUDIT_HISTORY_TABLE} row has no such event at its position`,
    });
  }
}

/**
 * Whether the stored row is the expected one in every column but `seq`, `recorded_at` to the second:
 * what `differingColumns` over `toSeconds` of both finds empty, without copying either (once per event).
 */
function sameAuditRow(row: Row, expected: Row): boolean {
  for (const column in expected) {
    if (column !== 'seq' && column !== 'recorded_at' && row[column] !== expected[column]) return false;
  }
  for (const column in row) if (!(column in expected) && row[column] !== undefined) return false;
  return (toSecondsText(row.recorded_at) ?? row.recorded_at) === (toSecondsText(expected.recorded_at) ?? expected.recorded_at);
}

/**
 * `recorded_at` is the store's own time, which the hash does not cover; the KurrentDB client gives it
 * to the second on reads but to the millisecond on subscriptions (what the projection saw), so it is
 * compared to the second (an ISO-8601 UTC text cut after the seconds, without parsing it).
 */
function toSeconds(row: Row): Row {
  const recorded = toSecondsText(row.recorded_at);
  return recorded === undefined ? row : { ...row, recorded_at: recorded };
}

/** The `recorded_at` value cut after the seconds, or undefined where it is no time (compared as it is). */
function toSecondsText(value: unknown): string | undefined {
  const text = String(value);
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(text)) return `${text.slice(0, 19)}.000Z`;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms - (ms % 1000)).toISOString();
}

function positionOf(row: Row): Position {
  try {
    return { commit: BigInt(String(row.commit_position)), prepare: BigInt(String(row.prepare_position)) };
  } catch {
    return { commit: -1n, prepare: -1n };
  }
}
