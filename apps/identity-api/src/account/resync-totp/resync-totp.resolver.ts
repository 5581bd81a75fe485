import { Args, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { AccountSecurityModel } from '../../account-security/account-security.model';
import { CurrentPerson } from '../../auth/current-principal.decorator';
import { PersonContext } from '../../auth/principal';
import { ResyncTotpCommand } from './resync-totp.command';
import { ResyncTotpInput } from './resync-totp.input';

@Resolver()
export class ResyncTotpResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => AccountSecurityModel, {
    description: 'Re-centres an authenticator whose clock drifted, with two consecutive codes from it (up to 10 steps, 5 minutes, away).',
  })
  async resyncTotp(@Args('input') input: ResyncTotpInput, @CurrentPerson() context: PersonContext): Promise<AccountSecurityModel> {
    return this.commands.execute(new ResyncTotpCommand(input, context));
  }
}
