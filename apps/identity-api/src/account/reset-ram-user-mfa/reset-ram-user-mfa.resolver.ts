import { Args, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { AccountSecurityModel } from '../../account-security/account-security.model';
import { CurrentPerson } from '../../auth/current-principal.decorator';
import { PersonContext } from '../../auth/principal';
import { ResetRamUserMfaCommand } from './reset-ram-user-mfa.command';
import { ResetRamUserMfaInput } from './reset-ram-user-mfa.input';

@Resolver()
export class ResetRamUserMfaResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => AccountSecurityModel, {
    description:
      "A primary account, for one of its RAM users who lost the device: removes the user's authenticators, recovery codes " +
      'and remembered devices and ends its sessions; with MFA required, its next logon enrolls again (step-up applies).',
  })
  async resetRamUserMfa(
    @Args('input') input: ResetRamUserMfaInput,
    @CurrentPerson() context: PersonContext,
  ): Promise<AccountSecurityModel> {
    return this.commands.execute(new ResetRamUserMfaCommand(input, context));
  }
}
