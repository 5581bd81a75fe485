import { Args, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPerson } from '../../auth/current-principal.decorator';
import { PersonContext } from '../../auth/principal';
import { CreateRamUserCommand } from './create-ram-user.command';
import { CreateRamUserInput, CreateRamUserPayload } from './create-ram-user.input';

@Resolver()
export class CreateRamUserResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => CreateRamUserPayload, {
    description: 'A primary account creates a RAM user (step-up where its protection covers SENSITIVE_OPERATION).',
  })
  async createRamUser(@Args('input') input: CreateRamUserInput, @CurrentPerson() context: PersonContext): Promise<CreateRamUserPayload> {
    return this.commands.execute(new CreateRamUserCommand(input, context));
  }
}
