import { Module } from '@nestjs/common';
import { ProjectionsModule } from '../projections/projections.module';
import { IntegrationEventFeed } from './integration-event-feed';
import { SecurityEventsResolver } from './security-events.resolver';

export const INTEGRATION_RESOLVERS = [SecurityEventsResolver];

/** Integration events (docs/events.md) for subscriptions and webhooks. */
@Module({
  imports: [ProjectionsModule],
  providers: [IntegrationEventFeed, ...INTEGRATION_RESOLVERS],
  exports: [IntegrationEventFeed],
})
export class IntegrationModule {}
