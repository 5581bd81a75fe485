import { Inject, Injectable } from '@nestjs/common';
import { apiError } from '../graphql/api-error';
import { AUDIT_HISTORY_TABLE, READ_MODEL_DB, ReadModelSql } from '@identity/read-models';
import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor';
import { ALL_AUDIT_FIELDS, AuditField, auditColumns, AuditPageRow, auditPageRow } from './audit-page-fields';
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
  node: AuditPageRow;
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

  /** `fields`: the row fields to read (the query's selection; a column not asked for is not read). */
  async page(query: AuditTrailQuery, fields: Iterable<AuditField> = ALL_AUDIT_FIELDS): Promise<AuditTrailPage> {
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
    // Read as arrays, in the columns' order: a page builds no object of named columns per row.
    const columns = auditColumns(fields);
    const rows = await this.db.queryArrays<[seq: number, ...rest: unknown[]]>(
      `SELECT ${columns.sql} FROM ${AUDIT_HISTORY_TABLE} WHERE ${conditions.join(' AND ')} ORDER BY seq LIMIT ?`,
      [...parameters, limit + 1],
    );
    const edges = rows.slice(0, limit).map((row) => ({ cursor: encodeAuditCursor(row[0]), node: auditPageRow(row, columns.fields) }));
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
