import { Args, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPerson } from '../../auth/current-principal.decorator';
import { PersonContext } from '../../auth/principal';
import { StepUpCommand } from './step-up.command';
import { StepUpInput, StepUpPayload } from './step-up.input';

@Resolver()
export class StepUpResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => StepUpPayload, {
    description:
      'Proves this session by the second factor again, for the sensitive operations that follow (when protection covers SENSITIVE_OPERATION).',
  })
  async stepUp(@Args('input') input: StepUpInput, @CurrentPerson() context: PersonContext): Promise<StepUpPayload> {
    return this.commands.execute(new StepUpCommand(input, context));
  }
}
