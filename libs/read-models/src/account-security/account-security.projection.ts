import { ACCOUNT_EVENT_TYPES, AccountSecurityView, applyToSecurityView, decodeAccountEvent, STREAM_CATEGORIES } from '@identity/domain';
import { RecordedEvent } from '@identity/event-store';
import { Projection } from '../projections/projection';
import { ReadModelSql } from '../db/read-model-db.port';
import { ACCOUNT_SECURITY_TABLE, AccountSecurityRepository } from './account-security.repository';

const KNOWN_TYPES = new Set<string>(ACCOUNT_EVENT_TYPES);

/** `account_security.v3`: one row per account, the same fold as `securityStateAt` uses. */
export class AccountSecurityProjection implements Projection {
  readonly name = 'account_security.v3';
  private readonly accountPrefix = `${STREAM_CATEGORIES.account}-`;
  readonly streamPrefixes = [this.accountPrefix];
  readonly tables: readonly string[];

  constructor(private readonly table = ACCOUNT_SECURITY_TABLE) {
    this.tables = [table];
  }

  writingInto(rename: (table: string) => string): AccountSecurityProjection {
    return new AccountSecurityProjection(rename(this.table));
  }

  async setUp(db: ReadModelSql): Promise<void> {
    await AccountSecurityRepository.setUp(db, this.table);
  }

  async apply(db: ReadModelSql, recorded: RecordedEvent): Promise<void> {
    await this.applyBatch(db, [recorded]);
  }

  /** Each account of the batch read once, folded through its events in memory, and written once. */
  async applyBatch(db: ReadModelSql, events: readonly RecordedEvent[], onEvent?: (event: RecordedEvent) => void): Promise<void> {
    const repository = new AccountSecurityRepository(db, this.table);
    const views = new Map<string, AccountSecurityView | null>();
    const changed = new Set<string>();
    for (const recorded of events) {
      onEvent?.(recorded);
      if (!recorded.streamId.startsWith(this.accountPrefix) || !KNOWN_TYPES.has(recorded.type)) continue;
      // Decoded through the registry: validated, and old shapes upcast (a TotpBound without a name gets the default).
      const event = decodeAccountEvent(recorded.type, recorded.data);
      const accountId = recorded.streamId.slice(this.accountPrefix.length);
      const before =
        event.type === 'AccountRegistered'
          ? null
          : views.has(accountId)
            ? (views.get(accountId) ?? null)
            : await repository.find(accountId);
      const after = applyToSecurityView(before, event);
      if (after && after !== before) {
        views.set(accountId, after);
        changed.add(accountId);
      } else views.set(accountId, before);
    }
    for (const accountId of changed) {
      const view = views.get(accountId);
      if (view) await repository.save(view);
    }
  }
}
