import {
  ACCOUNT_EVENT_TYPES,
  decodeAccountEvent,
  decodeRamUsersEvent,
  RAM_USERS_EVENT_REGISTRY,
  STREAM_CATEGORIES,
} from '@identity/domain';
import { RecordedEvent } from '@identity/event-store';
import { Projection } from '../projections/projection';
import { ReadModelSql } from '../db/read-model-db.port';
import { RAM_USERS_TABLE, RamUsersRepository } from './ram-users.repository';

const ACCOUNT_TYPES = new Set<string>(ACCOUNT_EVENT_TYPES);
const MEMBERSHIP_TYPES = new Set<string>(Object.keys(RAM_USERS_EVENT_REGISTRY));
const LISTED_ACCOUNT_TYPES = new Set<string>([
  'AccountRegistered',
  'RamUserSettingsChanged',
  'AccountDisabled',
  'AccountEnabled',
  'LoginSucceeded',
  'AccountErased',
]);

/**
 * `ram_users.v1`: the membership of each primary (`ramusers-…` streams) with what `ramUsers` shows
 * of each user's account stream. Every write is idempotent (an insert that keeps the first row, or
 * an update to the event's value), so the same event twice gives the same rows.
 */
export class RamUsersProjection implements Projection {
  readonly name = 'ram_users.v1';
  private readonly accountPrefix = `${STREAM_CATEGORIES.account}-`;
  private readonly membershipPrefix = `${STREAM_CATEGORIES.ramUsers}-`;
  readonly streamPrefixes = [this.accountPrefix, this.membershipPrefix];
  readonly tables: readonly string[];

  constructor(private readonly table = RAM_USERS_TABLE) {
    this.tables = [table];
  }

  writingInto(rename: (table: string) => string): RamUsersProjection {
    return new RamUsersProjection(rename(this.table));
  }

  async setUp(db: ReadModelSql): Promise<void> {
    await RamUsersRepository.setUp(db, this.table);
  }

  async apply(db: ReadModelSql, recorded: RecordedEvent): Promise<void> {
    const rows = new RamUsersRepository(db, this.table);
    if (recorded.streamId.startsWith(this.membershipPrefix) && MEMBERSHIP_TYPES.has(recorded.type)) {
      const event = decodeRamUsersEvent(recorded.type, recorded.data);
      const primaryAccountId = recorded.streamId.slice(this.membershipPrefix.length);
      if (event.type === 'RamUserAdded') await rows.added(event.data.accountId, primaryAccountId, event.data.loginName, event.data.at);
      else if (event.type === 'RamUserRemoved') await rows.removed(event.data.accountId);
      return;
    }
    if (!recorded.streamId.startsWith(this.accountPrefix) || !ACCOUNT_TYPES.has(recorded.type)) return;
    if (!LISTED_ACCOUNT_TYPES.has(recorded.type)) return;
    const event = decodeAccountEvent(recorded.type, recorded.data);
    const accountId = recorded.streamId.slice(this.accountPrefix.length);
    if (event.type === 'AccountRegistered') {
      if (event.data.primaryAccountId !== null) await rows.registered(accountId, event.data.primaryAccountId);
    } else if (event.type === 'RamUserSettingsChanged') {
      await rows.settings(accountId, event.data.displayName, event.data.mfaRequired, event.data.passwordResetRequired);
    } else if (event.type === 'AccountDisabled' || event.type === 'AccountEnabled') {
      await rows.disabled(accountId, event.type === 'AccountDisabled');
    } else if (event.type === 'LoginSucceeded') {
      await rows.loggedOn(accountId, event.data.at);
    } else if (event.type === 'AccountErased') {
      // Erased with its primary or deleted: no longer listed (its RamUserRemoved follows).
      await rows.removed(accountId);
    }
  }
}
