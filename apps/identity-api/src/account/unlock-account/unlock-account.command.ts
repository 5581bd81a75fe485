import { Command } from '@nestjs/cqrs';
import { RequestContext } from '../../auth/principal';
import { UnlockAccountInput, UnlockAccountPayload } from './unlock-account.input';

export class UnlockAccountCommand extends Command<UnlockAccountPayload> {
  constructor(
    readonly input: UnlockAccountInput,
    readonly context: RequestContext,
  ) {
    super();
  }
}
