import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountCommandRunner } from '../account-command-runner';
import { SetSecurityPreferenceCommand } from './set-security-preference.command';
import { SecurityPreferenceModel } from './set-security-preference.input';

/** A primary account's security preference (sensitive: step-up applies; a RAM user is FORBIDDEN). */
@CommandHandler(SetSecurityPreferenceCommand)
export class SetSecurityPreferenceHandler implements ICommandHandler<SetSecurityPreferenceCommand> {
  constructor(private readonly accounts: AccountCommandRunner) {}

  async execute({ input, context }: SetSecurityPreferenceCommand): Promise<SecurityPreferenceModel> {
    const { accountId, sessionId } = context.principal;
    const write = await this.accounts.run(accountId, context, (_state, now) => ({
      type: 'SetSecurityPreference',
      now,
      sessionId,
      ramUserMfaRequired: input.ramUserMfaRequired ?? null,
      ramUsersManageOwnDevices: input.ramUsersManageOwnDevices ?? null,
      rememberDevice: input.rememberDevice ?? null,
      rememberDeviceDays: input.rememberDeviceDays ?? null,
    }));
    return SecurityPreferenceModel.of(write.state.securityPreference, true);
  }
}
