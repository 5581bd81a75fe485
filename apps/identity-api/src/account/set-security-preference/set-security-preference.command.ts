import { Command } from '@nestjs/cqrs';
import { PersonContext } from '../../auth/principal';
import { SecurityPreferenceModel, SetSecurityPreferenceInput } from './set-security-preference.input';

export class SetSecurityPreferenceCommand extends Command<SecurityPreferenceModel> {
  constructor(
    readonly input: SetSecurityPreferenceInput,
    readonly context: PersonContext,
  ) {
    super();
  }
}
