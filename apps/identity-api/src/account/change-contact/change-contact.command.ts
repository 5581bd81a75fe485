import { Command } from '@nestjs/cqrs';
import { VerificationChannel } from '@identity/domain';
import { PersonContext } from '../../auth/principal';
import { ChangeContactPayload } from './change-contact.input';

/** changePhone (`SMS`) or changeEmail (`EMAIL`): `destination` is the new phone number or email address. */
export class ChangeContactCommand extends Command<ChangeContactPayload> {
  constructor(
    readonly channel: VerificationChannel,
    readonly destination: string,
    readonly context: PersonContext,
  ) {
    super();
  }
}
