import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { apiKeyDecider, apiKeyStream } from '@identity/domain';
import { EVENT_STORE, EventStore, handleCommand } from '@identity/event-store';
import { actorOf } from '../../auth/principal';
import { Authenticator } from '../../auth/authenticator.service';
import { CLOCK, Clock } from '../../infrastructure/clock';
import { RevokeApiKeyCommand } from './revoke-api-key.command';

/** Records ApiKeyRevoked (nothing when it was revoked already); this instance refuses the key at once, others within a second. */
@CommandHandler(RevokeApiKeyCommand)
export class RevokeApiKeyHandler implements ICommandHandler<RevokeApiKeyCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly authenticator: Authenticator,
  ) {}

  async execute({ input, admin, context }: RevokeApiKeyCommand): Promise<boolean> {
    const { keyId } = input;
    await handleCommand(
      this.store,
      apiKeyStream(keyId),
      apiKeyDecider,
      () => ({ type: 'RevokeApiKey' as const, keyId, by: `apikey:${admin.keyId}`, now: this.clock.now().toISOString() }),
      {
        correlationId: context.meta.correlationId,
        causationId: null,
        actor: actorOf(context.principal),
        ip: context.meta.ip,
        userAgent: context.meta.userAgent,
      },
    );
    this.authenticator.forget(keyId);
    return true;
  }
}
