import { Args, Query, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPerson } from '../../auth/current-principal.decorator';
import { PersonContext } from '../../auth/principal';
import { AccountCommandRunner } from '../account-command-runner';
import { GoverningPreference } from '../logon-aids/governing-preference';
import { SetSecurityPreferenceCommand } from './set-security-preference.command';
import { SecurityPreferenceModel, SetSecurityPreferenceInput } from './set-security-preference.input';

@Resolver()
export class SetSecurityPreferenceResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly accounts: AccountCommandRunner,
    private readonly preference: GoverningPreference,
  ) {}

  @AcknowledgedMutation(() => SecurityPreferenceModel, {
    description: 'A primary account: MFA for RAM users, their own device management, remembering devices (step-up applies).',
  })
  async setSecurityPreference(
    @Args('input') input: SetSecurityPreferenceInput,
    @CurrentPerson() context: PersonContext,
  ): Promise<SecurityPreferenceModel> {
    return this.commands.execute(new SetSecurityPreferenceCommand(input, context));
  }

  @Query(() => SecurityPreferenceModel, {
    description: "The security preference that governs your logons: your own, or your primary account's for a RAM user.",
  })
  async securityPreference(@CurrentPerson() { principal }: PersonContext): Promise<SecurityPreferenceModel> {
    // From the stream, not a read model: a client deciding whether to offer "remember this device" sees the change at once.
    const state = await this.accounts.load(principal.accountId);
    return SecurityPreferenceModel.of(await this.preference.of(state), state.primaryAccountId === null);
  }
}
