import { Args, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPerson } from '../../auth/current-principal.decorator';
import { PersonContext } from '../../auth/principal';
import { VerifyIdentityCommand } from './verify-identity.command';
import { VerifyIdentityInput, VerifyIdentityPayload } from './verify-identity.input';

@Resolver()
export class VerifyIdentityResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => VerifyIdentityPayload, {
    description: 'Proves the person with the code sent by enableProtection or requestVerification.',
  })
  async verifyIdentity(@Args('input') input: VerifyIdentityInput, @CurrentPerson() context: PersonContext): Promise<VerifyIdentityPayload> {
    return this.commands.execute(new VerifyIdentityCommand(input, context));
  }
}
