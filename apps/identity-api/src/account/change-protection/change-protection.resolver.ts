import { Args, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPerson } from '../../auth/current-principal.decorator';
import { PersonContext } from '../../auth/principal';
import { ChangeProtectionCommand } from './change-protection.command';
import { ChangeProtectionInput, ChangeProtectionPayload } from './change-protection.input';

@Resolver()
export class ChangeProtectionResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => ChangeProtectionPayload, {
    description:
      'Changes the scenes and/or method of the protection in force, with a verified CHANGE_PROTECTION verification; weakening TOTP protection also needs totpCode.',
  })
  async changeProtection(
    @Args('input') input: ChangeProtectionInput,
    @CurrentPerson() context: PersonContext,
  ): Promise<ChangeProtectionPayload> {
    return this.commands.execute(new ChangeProtectionCommand(input, context));
  }
}
