import { Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPerson } from '../../auth/current-principal.decorator';
import { PersonContext } from '../../auth/principal';
import { RegenerateRecoveryCodesCommand } from './regenerate-recovery-codes.command';
import { RecoveryCodesPayload } from './regenerate-recovery-codes.input';

@Resolver()
export class RegenerateRecoveryCodesResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => RecoveryCodesPayload, {
    description: 'Replaces your recovery codes by 10 new ones, shown once; the old ones stop working. Needs TOTP protection on.',
  })
  async regenerateRecoveryCodes(@CurrentPerson() context: PersonContext): Promise<RecoveryCodesPayload> {
    return this.commands.execute(new RegenerateRecoveryCodesCommand(context));
  }
}
