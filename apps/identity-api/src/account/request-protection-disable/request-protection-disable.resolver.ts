import { Args, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPerson } from '../../auth/current-principal.decorator';
import { PersonContext } from '../../auth/principal';
import { RequestProtectionDisableCommand } from './request-protection-disable.command';
import { RequestProtectionDisableInput, RequestProtectionDisablePayload } from './request-protection-disable.input';

@Resolver()
export class RequestProtectionDisableResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => RequestProtectionDisablePayload, {
    description: 'Starts turning protection off on your own account: sends a code to its phone or email, for disableProtection.',
  })
  async requestProtectionDisable(
    @Args('input') input: RequestProtectionDisableInput,
    @CurrentPerson() context: PersonContext,
  ): Promise<RequestProtectionDisablePayload> {
    return this.commands.execute(new RequestProtectionDisableCommand(input, context));
  }
}
