import { Args, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPerson } from '../../auth/current-principal.decorator';
import { PersonContext } from '../../auth/principal';
import { EnableProtectionCommand } from './enable-protection.command';
import { EnableProtectionInput, EnableProtectionPayload } from './enable-protection.input';

@Resolver()
export class EnableProtectionResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => EnableProtectionPayload, {
    description: 'Chooses the protected scenes and sends an identity verification code.',
  })
  async enableProtection(
    @Args('input') input: EnableProtectionInput,
    @CurrentPerson() context: PersonContext,
  ): Promise<EnableProtectionPayload> {
    return this.commands.execute(new EnableProtectionCommand(input, context));
  }
}
