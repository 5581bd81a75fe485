import { Args, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import { PrincipalContext } from '../../auth/principal';
import { EraseAccountCommand } from './erase-account.command';
import { EraseAccountInput, EraseAccountPayload } from './erase-account.input';

@Resolver()
export class EraseAccountResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => EraseAccountPayload, {
    description:
      'Erases an account for good: a person their own (with a verified ERASE_ACCOUNT verification), an admin key any (accountId). ' +
      'Its secrets and contact details become unreadable, it never logs on again, its login name stays taken.',
  })
  async eraseAccount(@Args('input') input: EraseAccountInput, @CurrentPrincipal() context: PrincipalContext): Promise<EraseAccountPayload> {
    return this.commands.execute(new EraseAccountCommand(input, context));
  }
}
