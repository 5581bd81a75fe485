import { Command } from '@nestjs/cqrs';
import { PrincipalContext } from '../../auth/principal';
import { EraseAccountInput, EraseAccountPayload } from './erase-account.input';

export class EraseAccountCommand extends Command<EraseAccountPayload> {
  constructor(
    readonly input: EraseAccountInput,
    readonly context: PrincipalContext,
  ) {
    super();
  }
}
