import { Inject } from '@nestjs/common';
import { Context, Query, Resolver } from '@nestjs/graphql';
import { EVENT_STORE, EventStore } from '@identity/event-store';
import { listApiKeys } from '@identity/read-models';
import { RequestContext, requireRole } from '../../auth/principal';
import { CLOCK, Clock } from '../../infrastructure/clock';
import { ApiKeyModel } from '../api-key.model';

@Resolver()
export class ListApiKeysResolver {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Query(() => [ApiKeyModel], { description: 'Admin key: every API key, oldest first, with its status; never a secret or hash.' })
  async apiKeys(@Context() context: RequestContext): Promise<ApiKeyModel[]> {
    requireRole(context, ['admin']);
    const now = this.clock.now().toISOString();
    return (await listApiKeys(this.store)).map((key) => ApiKeyModel.of(key, now));
  }
}
