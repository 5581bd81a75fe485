import { Position, positionFromString, positionToString } from '@identity/event-store';
import { columnTypes, ReadModelDb, setUpSchema } from '@identity/read-models';

export const WEBHOOK_DELIVERIES_TABLE = 'webhook_deliveries_v1';

export type DeliveryState = 'DELIVERING' | 'RETRYING' | 'FAILING';

export interface DeliveryRow {
  webhookId: string;
  /** The position of the last domain event whose integration events were all delivered. */
  lastDeliveredPosition: Position | null;
  deliveredCount: number;
  /** Failed attempts in a row at the event now due. */
  failures: number;
  nextRetryAt: string | null;
  lastError: string | null;
  state: DeliveryState;
  updatedAt: string;
}

interface StoredRow {
  webhook_id: string;
  last_delivered_position: string | null;
  delivered_count: number;
  failures: number;
  next_retry_at: string | null;
  last_error: string | null;
  state: DeliveryState;
  updated_at: string;
}

/**
 * Each webhook's delivery checkpoint and retry state, in the read-model database (not as events:
 * one row update per delivery). The checkpoint is written after the receiver acknowledged, so a
 * crash in between redelivers (at least once) and never skips.
 */
export class WebhookDeliveryStore {
  constructor(
    private readonly db: ReadModelDb,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async setUp(): Promise<void> {
    const { text } = columnTypes(this.db.dialect);
    await setUpSchema(this.db, (tx) =>
      tx
        .execute(
          `CREATE TABLE IF NOT EXISTS ${WEBHOOK_DELIVERIES_TABLE} (
      webhook_id ${text} PRIMARY KEY, last_delivered_position TEXT, delivered_count INTEGER NOT NULL DEFAULT 0,
      failures INTEGER NOT NULL DEFAULT 0, next_retry_at TEXT, last_error TEXT, state TEXT NOT NULL, updated_at TEXT NOT NULL)`,
        )
        .then(() => undefined),
    );
  }

  async load(webhookId: string): Promise<DeliveryRow | null> {
    const [row] = await this.db.query<StoredRow>(`SELECT * FROM ${WEBHOOK_DELIVERIES_TABLE} WHERE webhook_id = ?`, [webhookId]);
    return row ? toRow(row) : null;
  }

  async all(): Promise<Map<string, DeliveryRow>> {
    const rows = await this.db.query<StoredRow>(`SELECT * FROM ${WEBHOOK_DELIVERIES_TABLE}`);
    return new Map(rows.map((row) => [row.webhook_id, toRow(row)]));
  }

  async delivered(webhookId: string, position: Position, count: number): Promise<void> {
    await this.upsert(
      webhookId,
      `last_delivered_position = excluded.last_delivered_position,
      delivered_count = ${WEBHOOK_DELIVERIES_TABLE}.delivered_count + excluded.delivered_count, failures = 0, next_retry_at = NULL, last_error = NULL,
      state = 'DELIVERING'`,
      { position: positionToString(position), count, failures: 0, nextRetryAt: null, lastError: null, state: 'DELIVERING' },
    );
  }

  async failed(webhookId: string, failures: number, lastError: string, nextRetryAt: Date | null): Promise<void> {
    const state: DeliveryState = nextRetryAt ? 'RETRYING' : 'FAILING';
    await this.upsert(
      webhookId,
      `failures = excluded.failures, next_retry_at = excluded.next_retry_at, last_error = excluded.last_error,
      state = excluded.state`,
      { position: null, count: 0, failures, nextRetryAt: nextRetryAt?.toISOString() ?? null, lastError, state },
    );
  }

  /** After `resumeWebhook`: the failed event is tried again at once, with a fresh count. */
  async resumed(webhookId: string): Promise<void> {
    await this.upsert(webhookId, `failures = 0, next_retry_at = NULL, state = 'DELIVERING'`, {
      position: null,
      count: 0,
      failures: 0,
      nextRetryAt: null,
      lastError: null,
      state: 'DELIVERING',
    });
  }

  async remove(webhookId: string): Promise<void> {
    await this.db.execute(`DELETE FROM ${WEBHOOK_DELIVERIES_TABLE} WHERE webhook_id = ?`, [webhookId]);
  }

  /** `onConflict` names the stored row's columns by the table (`excluded.` the new values): PostgreSQL needs that. */
  private async upsert(
    webhookId: string,
    onConflict: string,
    values: {
      position: string | null;
      count: number;
      failures: number;
      nextRetryAt: string | null;
      lastError: string | null;
      state: DeliveryState;
    },
  ): Promise<void> {
    await this.db.execute(
      `INSERT INTO ${WEBHOOK_DELIVERIES_TABLE}
      (webhook_id, last_delivered_position, delivered_count, failures, next_retry_at, last_error, state, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (webhook_id) DO UPDATE SET ${onConflict}, updated_at = excluded.updated_at`,
      [
        webhookId,
        values.position,
        values.count,
        values.failures,
        values.nextRetryAt,
        values.lastError,
        values.state,
        this.now().toISOString(),
      ],
    );
  }
}

function toRow(row: StoredRow): DeliveryRow {
  return {
    webhookId: row.webhook_id,
    lastDeliveredPosition: row.last_delivered_position ? positionFromString(row.last_delivered_position) : null,
    deliveredCount: row.delivered_count,
    failures: row.failures,
    nextRetryAt: row.next_retry_at,
    lastError: row.last_error,
    state: row.state,
    updatedAt: row.updated_at,
  };
}
