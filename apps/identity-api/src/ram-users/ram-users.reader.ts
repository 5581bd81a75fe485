import { Inject, Injectable } from '@nestjs/common';
import { AccountSecurityView, securityViewOf } from '@identity/domain';
import { EVENT_STORE, EventStore, SNAPSHOT_STORE, SnapshotStore } from '@identity/event-store';
import { AccountSecurityRepository, READ_MODEL_DB, ReadModelDb, RamUserPageQuery, RamUsersRepository } from '@identity/read-models';
import { loadAccountState } from '../infrastructure/account-state';
import { RamUserModel } from './ram-user.model';
import { encodeRamUserCursor } from './ram-user-cursor';

export interface RamUserPage {
  edges: { cursor: string; node: RamUserModel }[];
  hasNextPage: boolean;
}

/**
 * Reads `ram_users.v1`, as far as it has been projected, and each user's security from
 * `account_security.v3`; a user whose security row has not been projected yet is folded from its
 * stream, so a listed user always shows its security.
 */
@Injectable()
export class RamUsersReader {
  private readonly rows: RamUsersRepository;
  private readonly security: AccountSecurityRepository;

  constructor(
    @Inject(READ_MODEL_DB) db: ReadModelDb,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SNAPSHOT_STORE) private readonly snapshots: SnapshotStore,
  ) {
    this.rows = new RamUsersRepository(db);
    this.security = new AccountSecurityRepository(db);
  }

  async page(query: Omit<RamUserPageQuery, 'limit'> & { first: number }): Promise<RamUserPage> {
    const rows = await this.rows.page({ ...query, limit: query.first + 1 });
    const shown = rows.slice(0, query.first);
    const edges = await Promise.all(
      shown.map(async (row) => ({
        cursor: encodeRamUserCursor(row.addedAt, row.accountId),
        node: RamUserModel.fromRow(row, await this.securityOf(row.accountId)),
      })),
    );
    return { edges, hasNextPage: rows.length > query.first };
  }

  private async securityOf(accountId: string): Promise<AccountSecurityView> {
    const view = await this.security.find(accountId);
    return view ?? securityViewOf(await loadAccountState(this.store, this.snapshots, accountId));
  }
}
