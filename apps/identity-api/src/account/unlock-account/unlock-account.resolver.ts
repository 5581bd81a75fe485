import { Args, Context, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { RequestContext, requireRole } from '../../auth/principal';
import { UnlockAccountCommand } from './unlock-account.command';
import { UnlockAccountInput, UnlockAccountPayload } from './unlock-account.input';

@Resolver()
export class UnlockAccountResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => UnlockAccountPayload, {
    description: 'Admin: lifts every lock of an account (also one that lasts until an unlock) and resets its failure counts.',
  })
  unlockAccount(@Args('input') input: UnlockAccountInput, @Context() context: RequestContext): Promise<UnlockAccountPayload> {
    requireRole(context, ['admin']);
    return this.commands.execute(new UnlockAccountCommand(input, context));
  }
}
