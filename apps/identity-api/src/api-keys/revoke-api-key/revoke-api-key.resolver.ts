import { Args, Context, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { RequestContext, requireRole } from '../../auth/principal';
import { RevokeApiKeyCommand } from './revoke-api-key.command';
import { RevokeApiKeyInput } from './revoke-api-key.input';

@Resolver()
export class RevokeApiKeyResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => Boolean, {
    description: 'Admin key: revokes an API key for good (true; also when it was revoked already). Unknown keyId: BAD_USER_INPUT.',
  })
  async revokeApiKey(@Args('input') input: RevokeApiKeyInput, @Context() context: RequestContext): Promise<boolean> {
    const admin = requireRole(context, ['admin']);
    return this.commands.execute(new RevokeApiKeyCommand(input, admin, context));
  }
}
