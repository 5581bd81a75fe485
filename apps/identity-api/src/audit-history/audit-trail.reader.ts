import { Inject, Injectable } from '@nestjs/common';
import { redactEventData } from '@identity/domain';
import { apiError } from '../graphql/api-error';
import { READ_MODEL_DB, ReadModelSql } from '@identity/read-models';
import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor';
import { AUDIT_HISTORY_TABLE, AuditRow } from '@identity/read-models';
import { yieldToEventLoop } from '../infrastructure/yield-to-event-loop';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

export interface AuditTrailQuery {
  /** One account's events, or `null` for every event of the service (auditors only). */
  accountId: string | null;
  types?: readonly string[] | null;
  /** Inclusive bounds on `occurredAt`. */
  from?: Date | null;
  to?: Date | null;
  first?: number | null;
  /** A cursor from an earlier page: only rows after it. */
  after?: string | null;
}

export interface AuditTrailEdge {
  cursor: string;
  node: AuditRow;
}

export interface AuditTrailPage {
  edges: AuditTrailEdge[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/** `first` and `after` checked: BAD_USER_INPUT naming the argument when one is not acceptable. */
export function pageArguments(first: number | null | undefined, after: string | null | undefined): { limit: number; afterSeq: number } {
  const limit = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw apiError('BAD_USER_INPUT', `first: must be an integer from 1 to ${MAX_PAGE_SIZE}`, { field: 'first' });
  }
  if (after === null || after === undefined) return { limit, afterSeq: 0 };
  const afterSeq = decodeAuditCursor(after);
  if (afterSeq === null) throw apiError('BAD_USER_INPUT', 'after: not a cursor of this audit trail', { field: 'after' });
  return { limit, afterSeq };
}

/**
 * Pages through `audit_history.v1` in position order, keyset on `seq`: a page never repeats or skips a
 * row, even while new events arrive. The trail is a read model, so it lags the event store by the
 * projection's delay (usually milliseconds): an event just written may appear on a later read.
 */
@Injectable()
export class AuditTrailReader {
  constructor(@Inject(READ_MODEL_DB) private readonly db: ReadModelSql) {}

  async page(query: AuditTrailQuery): Promise<AuditTrailPage> {
    const { limit, afterSeq } = pageArguments(query.first, query.after);
    await yieldToEventLoop();
    const conditions = ['seq > ?'];
    const parameters: (string | number)[] = [afterSeq];
    if (query.accountId !== null) {
      conditions.push('account_id = ?');
      parameters.push(query.accountId);
    }
    if (query.types?.length) {
      const types = [...new Set(query.types)];
      conditions.push(`type IN (${types.map(() => '?').join(', ')})`);
      parameters.push(...types);
    }
    if (query.from) {
      conditions.push('occurred_at >= ?');
      parameters.push(comparableInstant(query.from));
    }
    if (query.to) {
      conditions.push('occurred_at <= ?');
      parameters.push(comparableInstant(query.to));
    }
    const rows = await this.db.query<StoredRow>(
      `SELECT * FROM ${AUDIT_HISTORY_TABLE} WHERE ${conditions.join(' AND ')} ORDER BY seq LIMIT ?`,
      [...parameters, limit + 1],
    );
    const edges = rows.slice(0, limit).map((row) => ({ cursor: encodeAuditCursor(row.seq), node: fromStoredRow(row) }));
    return { edges, hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null };
  }
}

const EARLIEST_COMPARABLE = Date.parse('0000-01-01T00:00:00.000Z');
const LATEST_COMPARABLE = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * Stored instants are `toISOString()` text, which sorts as time does from year 0 to 9999; a bound
 * outside those years is clamped so that text comparison still means time comparison.
 */
function comparableInstant(date: Date): string {
  return new Date(Math.min(Math.max(date.getTime(), EARLIEST_COMPARABLE), LATEST_COMPARABLE)).toISOString();
}

interface StoredRow {
  seq: number;
  event_id: string;
  position: string;
  commit_position: string;
  prepare_position: string;
  stream_id: string;
  account_id: string | null;
  type: string;
  occurred_at: string;
  recorded_at: string;
  actor: string | null;
  ip: string | null;
  user_agent: string | null;
  correlation_id: string | null;
  causation_id: string | null;
  data: string;
}

/** Data is redacted again on the way out: the projection redacts, this keeps older rows safe too. */
function fromStoredRow(r: StoredRow): AuditRow {
  return {
    eventId: r.event_id,
    position: r.position,
    commitPosition: r.commit_position,
    preparePosition: r.prepare_position,
    streamId: r.stream_id,
    accountId: r.account_id,
    type: r.type,
    occurredAt: r.occurred_at,
    recordedAt: r.recorded_at,
    actor: r.actor,
    ip: r.ip,
    userAgent: r.user_agent,
    correlationId: r.correlation_id,
    causationId: r.causation_id,
    data: redactEventData(r.type, JSON.parse(r.data) as Record<string, unknown>),
  };
}
