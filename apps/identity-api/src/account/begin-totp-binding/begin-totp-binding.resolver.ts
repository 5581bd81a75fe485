import { Args, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPerson } from '../../auth/current-principal.decorator';
import { PersonContext } from '../../auth/principal';
import { BeginTotpBindingCommand } from './begin-totp-binding.command';
import { BeginTotpBindingInput, TotpEnrollment } from './begin-totp-binding.input';

@Resolver()
export class BeginTotpBindingResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => TotpEnrollment, { description: 'After verifyIdentity: a new authenticator secret to scan or type.' })
  async beginTotpBinding(@Args('input') input: BeginTotpBindingInput, @CurrentPerson() context: PersonContext): Promise<TotpEnrollment> {
    return this.commands.execute(new BeginTotpBindingCommand(input, context));
  }
}
