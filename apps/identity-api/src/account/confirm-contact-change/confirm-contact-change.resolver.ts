import { Args, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPerson } from '../../auth/current-principal.decorator';
import { PersonContext } from '../../auth/principal';
import { ConfirmContactChangeCommand } from './confirm-contact-change.command';
import { ConfirmContactChangeInput, ConfirmContactChangePayload } from './confirm-contact-change.input';

@Resolver()
export class ConfirmContactChangeResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => ConfirmContactChangePayload, {
    description: 'Applies a changePhone/changeEmail with the code sent to the new destination (and currentCode when asked).',
  })
  async confirmContactChange(
    @Args('input') input: ConfirmContactChangeInput,
    @CurrentPerson() context: PersonContext,
  ): Promise<ConfirmContactChangePayload> {
    return this.commands.execute(new ConfirmContactChangeCommand(input, context));
  }
}
