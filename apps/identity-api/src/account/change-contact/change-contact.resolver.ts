import { Args, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPerson } from '../../auth/current-principal.decorator';
import { PersonContext } from '../../auth/principal';
import { ChangeContactCommand } from './change-contact.command';
import { ChangeContactPayload, ChangeEmailInput, ChangePhoneInput } from './change-contact.input';

@Resolver()
export class ChangeContactResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => ChangeContactPayload, {
    description: 'Starts changing your phone number: a code goes to the new number; confirmContactChange applies it.',
  })
  async changePhone(@Args('input') input: ChangePhoneInput, @CurrentPerson() context: PersonContext): Promise<ChangeContactPayload> {
    return this.commands.execute(new ChangeContactCommand('SMS', input.phone, context));
  }

  @AcknowledgedMutation(() => ChangeContactPayload, {
    description: 'Starts changing your email address: a code goes to the new address; confirmContactChange applies it.',
  })
  async changeEmail(@Args('input') input: ChangeEmailInput, @CurrentPerson() context: PersonContext): Promise<ChangeContactPayload> {
    return this.commands.execute(new ChangeContactCommand('EMAIL', input.email, context));
  }
}
