import { Inject } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import { liveSessionIds } from '@identity/domain';
import { EVENT_STORE, EventStore, SNAPSHOT_STORE, SnapshotStore } from '@identity/event-store';
import { READ_MODEL_DB, ReadModelDb, SessionsRepository } from '@identity/read-models';
import { CurrentPerson } from '../auth/current-principal.decorator';
import { PersonContext } from '../auth/principal';
import { loadAccountState } from '../infrastructure/account-state';
import { CLOCK, Clock } from '../infrastructure/clock';
import { SessionInfoModel } from './session-info.model';

@Resolver()
export class SessionsResolver {
  private readonly repository: SessionsRepository;

  constructor(
    @Inject(READ_MODEL_DB) db: ReadModelDb,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SNAPSHOT_STORE) private readonly snapshots: SnapshotStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.repository = new SessionsRepository(db);
  }

  /**
   * The details come from `sessions.v1`; which sessions are live from the account's state, so a
   * session just ended is never listed, even before the read model has caught up.
   */
  @Query(() => [SessionInfoModel], { description: 'Your live sessions, oldest first; `current` marks this one.' })
  async sessions(@CurrentPerson() { principal }: PersonContext): Promise<SessionInfoModel[]> {
    const now = this.clock.now().toISOString();
    const [rows, state] = await Promise.all([
      this.repository.live(principal.accountId, now),
      loadAccountState(this.store, this.snapshots, principal.accountId),
    ]);
    const live = new Set(liveSessionIds(state, now));
    return rows.filter((row) => live.has(row.sessionId)).map((row) => SessionInfoModel.fromRow(row, principal.sessionId));
  }
}
