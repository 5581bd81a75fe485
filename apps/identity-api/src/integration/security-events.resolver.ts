import { Args, Context, ID, Resolver, Subscription } from '@nestjs/graphql';
import { IntegrationEvent, INTEGRATION_EVENT_TYPES, isIntegrationEventType } from '@identity/domain';
import { Position, positionFromString } from '@identity/event-store';
import { RequestContext, requireRole } from '../auth/principal';
import { apiError } from '../graphql/api-error';
import { IntegrationEventFeed } from './integration-event-feed';
import { IntegrationBatch, IntegrationEventStream } from './integration-event-stream';
import { MfaEnabledEventModel, SecurityEventModel } from './security-event.model';

const SUBSCRIBERS = ['integrator', 'admin'] as const;

/**
 * Integration events over `graphql-ws`, for integrator and admin keys. Both subscriptions replay what
 * came after `afterPosition` and then go live; without it they start at the present.
 */
@Resolver()
export class SecurityEventsResolver {
  constructor(private readonly feed: IntegrationEventFeed) {}

  @Subscription(() => SecurityEventModel, {
    description:
      'Integration events (CloudEvents) in store order: first those after `afterPosition`, then live. ' +
      'Reconnect with the `position` of the last event received to miss nothing.',
    resolve: (event: SecurityEventModel) => event,
  })
  async securityEvents(
    @Context() context: RequestContext,
    @Args('types', { type: () => [String], nullable: true, description: 'Only these types (docs/events.md); all when omitted.' })
    types: string[] | null,
    @Args('afterPosition', { type: () => String, nullable: true }) afterPosition: string | null,
  ): Promise<AsyncIterableIterator<SecurityEventModel>> {
    requireRole(context, SUBSCRIBERS);
    const wanted = checkTypes(types);
    const stream = this.feed.open({
      after: await this.start(afterPosition),
      accept: (event) => wanted === null || wanted.has(event.type),
    });
    return flatten(stream, SecurityEventModel.of);
  }

  @Subscription(() => MfaEnabledEventModel, {
    description: 'identity.mfa.enabled.v1 as it happens, for one account or all; `afterPosition` replays as in securityEvents.',
    resolve: (event: MfaEnabledEventModel) => event,
  })
  async mfaEnabled(
    @Context() context: RequestContext,
    @Args('accountId', { type: () => ID, nullable: true }) accountId: string | null,
    @Args('afterPosition', { type: () => String, nullable: true }) afterPosition: string | null,
  ): Promise<AsyncIterableIterator<MfaEnabledEventModel>> {
    requireRole(context, SUBSCRIBERS);
    const stream = this.feed.open({
      after: await this.start(afterPosition),
      accept: (event) => event.type === 'identity.mfa.enabled.v1' && (!accountId || event.subject === accountId),
    });
    return flatten(stream, (event) => MfaEnabledEventModel.of(event as IntegrationEvent<'identity.mfa.enabled.v1'>));
  }

  private async start(afterPosition: string | null): Promise<Position | undefined> {
    if (afterPosition === null || afterPosition === undefined) return this.feed.livePosition();
    try {
      return positionFromString(afterPosition);
    } catch {
      throw apiError('BAD_USER_INPUT', 'afterPosition: not a position; pass the `position` of an event received', {
        field: 'afterPosition',
      });
    }
  }
}

function checkTypes(types: string[] | null): Set<string> | null {
  if (types === null || types === undefined) return null;
  const unknown = types.find((type) => !isIntegrationEventType(type));
  if (types.length === 0 || unknown !== undefined) {
    throw apiError('BAD_USER_INPUT', `types: one or more of ${INTEGRATION_EVENT_TYPES.join(', ')}`, { field: 'types' });
  }
  return new Set(types);
}

/** One item per integration event; returning (the client unsubscribed) closes the store subscription. */
function flatten<T>(stream: IntegrationEventStream, map: (event: IntegrationEvent) => T): AsyncIterableIterator<T> {
  let pending: T[] = [];
  const iterator: AsyncIterableIterator<T> = {
    [Symbol.asyncIterator]: () => iterator,
    async next(): Promise<IteratorResult<T>> {
      while (pending.length === 0) {
        const step: IteratorResult<IntegrationBatch> = await stream.next();
        if (step.done) return { done: true, value: undefined };
        pending = step.value.events.map(map);
      }
      return { done: false, value: pending.shift() as T };
    },
    async return(): Promise<IteratorResult<T>> {
      pending = [];
      await stream.return();
      return { done: true, value: undefined };
    },
  };
  return iterator;
}
