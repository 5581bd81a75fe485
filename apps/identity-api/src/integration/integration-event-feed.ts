import { Inject, Injectable, Logger } from '@nestjs/common';
import { EVENT_STORE, EventStore, isAfter, Position, positionFromString } from '@identity/event-store';
import { ProjectionsService } from '../projections/projections.service';
import { IntegrationEventStream, IntegrationStreamOptions } from './integration-event-stream';
import { PrimaryAccounts } from './primary-accounts';

/** Opens streams of integration events for subscriptions and webhook deliveries. */
@Injectable()
export class IntegrationEventFeed {
  private readonly logger = new Logger('IntegrationEvents');
  /** Shared by every stream: each account's registration is read at most once per process. */
  private readonly primaryAccounts: PrimaryAccounts;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionsService,
  ) {
    this.primaryAccounts = new PrimaryAccounts(store);
  }

  open(options: IntegrationStreamOptions): IntegrationEventStream {
    return new IntegrationEventStream(this.store, options, this.logger, this.primaryAccounts);
  }

  /**
   * Where "from now on" starts: the furthest position a read model has applied. Every event appended
   * after this call lies beyond it; the few events between it and the true end of the store (not yet
   * applied) happened just before and are delivered too. Undefined (from the start) on a new store.
   */
  async livePosition(): Promise<Position | undefined> {
    let furthest: Position | undefined;
    for (const { checkpoint } of await this.projections.status()) {
      if (checkpoint === null) continue;
      const position = positionFromString(checkpoint);
      if (isAfter(position, furthest)) furthest = position;
    }
    return furthest;
  }
}
