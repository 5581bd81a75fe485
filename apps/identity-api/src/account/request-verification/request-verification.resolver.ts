import { Args, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPerson } from '../../auth/current-principal.decorator';
import { PersonContext } from '../../auth/principal';
import { RequestVerificationCommand } from './request-verification.command';
import { RequestVerificationInput, RequestVerificationPayload } from './request-verification.input';

@Resolver()
export class RequestVerificationResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => RequestVerificationPayload, {
    description: 'Sends a code to your own phone or email that proves you for one purpose; confirm it with verifyIdentity.',
  })
  async requestVerification(
    @Args('input') input: RequestVerificationInput,
    @CurrentPerson() context: PersonContext,
  ): Promise<RequestVerificationPayload> {
    return this.commands.execute(new RequestVerificationCommand(input, context));
  }
}
