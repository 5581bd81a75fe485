import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { AuditMismatch, comparePositions, Position, RecordedEvent } from '@identity/event-store';
import { AccountSecurityProjection } from '@identity/read-models';
import { ACCOUNT_SECURITY_TABLE } from '@identity/read-models';
import { ReadModelSql } from '@identity/read-models';
import { SqliteReadModelDb } from '@identity/read-models';
import { describeDifferences, differingColumns, PagedRows } from './read-model-snapshot';

/** Events folded into the scratch database together. */
const BATCH = 1000;

/**
 * Re-folds every account stream (up to the projection's checkpoint) with the projection's own fold
 * (`applyToSecurityView`) into a scratch SQLite database in a temporary file, then compares it with
 * `account_security_v3` (in SQLite or PostgreSQL) row by row in key order: memory stays flat however
 * many accounts there are.
 */
export class SecurityViewCheck {
  readonly projection = new AccountSecurityProjection();
  private readonly dir = mkdtempSync(join(tmpdir(), 'audit-verify-'));
  private readonly file = new Database(join(this.dir, 'refold.db'));
  private readonly scratch = new SqliteReadModelDb(this.file);
  private pending: RecordedEvent[] = [];

  private constructor(
    private readonly db: ReadModelSql,
    private readonly checkpoint: Position | undefined,
    private readonly report: (m: AuditMismatch) => void,
    private readonly lastRevision: (streamId: string) => bigint | null,
  ) {
    this.file.pragma('journal_mode = OFF');
    this.file.pragma('synchronous = OFF');
  }

  static async open(
    db: ReadModelSql,
    checkpoint: Position | undefined,
    report: (m: AuditMismatch) => void,
    lastRevision: (streamId: string) => bigint | null,
  ): Promise<SecurityViewCheck> {
    const check = new SecurityViewCheck(db, checkpoint, report, lastRevision);
    await check.projection.setUp(check.scratch);
    check.file.exec('BEGIN');
    return check;
  }

  async onEvent(event: RecordedEvent): Promise<void> {
    if (this.checkpoint === undefined || comparePositions(event.position, this.checkpoint) > 0) return;
    this.pending.push(event);
    if (this.pending.length >= BATCH) await this.applyPending();
  }

  /** Folds the events held so far, in one batch (each account read and written once). */
  private async applyPending(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    await this.projection.applyBatch(this.scratch, batch);
  }

  async finish(): Promise<string> {
    await this.applyPending();
    this.file.exec('COMMIT');
    const actual = new PagedRows(this.db, ACCOUNT_SECURITY_TABLE, 'account_id');
    const expected = new PagedRows(this.scratch, ACCOUNT_SECURITY_TABLE, 'account_id');
    let compared = 0;
    for (;;) {
      const a = await actual.peek();
      const e = await expected.peek();
      if (!a && !e) break;
      const order = !a ? 1 : !e ? -1 : Buffer.compare(Buffer.from(String(a.account_id)), Buffer.from(String(e.account_id)));
      const accountId = String(order <= 0 ? a?.account_id : e?.account_id);
      const streamId = `${this.projection.streamPrefixes[0]}${accountId}`;
      const at = { kind: 'security-view', streamId, revision: this.lastRevision(streamId), eventId: null };
      if (order < 0) this.report({ ...at, detail: `${ACCOUNT_SECURITY_TABLE} has a row the events do not give` });
      else if (order > 0) this.report({ ...at, detail: `${ACCOUNT_SECURITY_TABLE} has no row, the events give one` });
      else {
        const differs = differingColumns(a ?? {}, e ?? {});
        if (differs.length > 0)
          this.report({ ...at, detail: `the ${ACCOUNT_SECURITY_TABLE} row differs in ${describeDifferences(a ?? {}, e ?? {}, differs)}` });
        compared += 1;
      }
      if (order <= 0) await actual.take();
      if (order >= 0) await expected.take();
    }
    return `${ACCOUNT_SECURITY_TABLE}: ${compared} rows compared`;
  }

  async close(): Promise<void> {
    if (this.file.inTransaction) this.file.exec('ROLLBACK');
    await this.scratch.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
