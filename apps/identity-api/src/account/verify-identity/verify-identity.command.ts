import { Command } from '@nestjs/cqrs';
import { PersonContext } from '../../auth/principal';
import { VerifyIdentityInput, VerifyIdentityPayload } from './verify-identity.input';

export class VerifyIdentityCommand extends Command<VerifyIdentityPayload> {
  constructor(
    readonly input: VerifyIdentityInput,
    readonly context: PersonContext,
  ) {
    super();
  }
}
