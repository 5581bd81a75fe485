import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { AuditMismatch, comparePositions, Position, RecordedEvent } from '@identity/event-store';
import { AccountSecurityProjection } from '../../../identity-api/src/account-security/account-security.projection';
import { ACCOUNT_SECURITY_TABLE } from '../../../identity-api/src/account-security/account-security.repository';
import { describeDifferences, differingColumns, PagedRows } from './read-model-snapshot';

/**
 * Re-folds every account stream (up to the projection's checkpoint) with the projection's own fold
 * (`applyToSecurityView`) into a scratch database in a temporary file, then compares it with
 * `account_security_v1` row by row in key order: memory stays flat however many accounts there are.
 */
export class SecurityViewCheck {
  readonly projection = new AccountSecurityProjection();
  private readonly dir = mkdtempSync(join(tmpdir(), 'audit-verify-'));
  private readonly scratch = new Database(join(this.dir, 'refold.db'));

  constructor(
    private readonly db: Database.Database,
    private readonly checkpoint: Position | undefined,
    private readonly report: (m: AuditMismatch) => void,
    private readonly lastRevision: (streamId: string) => bigint | null,
  ) {
    this.scratch.pragma('journal_mode = OFF');
    this.scratch.pragma('synchronous = OFF');
    this.projection.setUp(this.scratch);
    this.scratch.exec('BEGIN');
  }

  onEvent(event: RecordedEvent): void {
    if (this.checkpoint === undefined || comparePositions(event.position, this.checkpoint) > 0) return;
    this.projection.apply(this.scratch, event);
  }

  finish(): string {
    this.scratch.exec('COMMIT');
    const actual = new PagedRows(this.db, ACCOUNT_SECURITY_TABLE, 'account_id');
    const expected = new PagedRows(this.scratch, ACCOUNT_SECURITY_TABLE, 'account_id');
    let compared = 0;
    for (;;) {
      const a = actual.peek();
      const e = expected.peek();
      if (!a && !e) break;
      const order = !a ? 1 : !e ? -1 : Buffer.compare(Buffer.from(String(a.account_id)), Buffer.from(String(e.account_id)));
      const accountId = String(order <= 0 ? a?.account_id : e?.account_id);
      const streamId = `${this.projection.streamPrefixes[0]}${accountId}`;
      const at = { kind: 'security-view', streamId, revision: this.lastRevision(streamId), eventId: null };
      if (order < 0) this.report({ ...at, detail: `${ACCOUNT_SECURITY_TABLE} has a row the events do not give` });
      else if (order > 0) this.report({ ...at, detail: `${ACCOUNT_SECURITY_TABLE} has no row, the events give one` });
      else {
        const differs = differingColumns(a ?? {}, e ?? {});
        if (differs.length > 0) this.report({ ...at, detail: `the ${ACCOUNT_SECURITY_TABLE} row differs in ${describeDifferences(a ?? {}, e ?? {}, differs)}` });
        compared += 1;
      }
      if (order <= 0) actual.take();
      if (order >= 0) expected.take();
    }
    return `${ACCOUNT_SECURITY_TABLE}: ${compared} rows compared`;
  }

  close(): void {
    if (this.scratch.inTransaction) this.scratch.exec('ROLLBACK');
    this.scratch.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
