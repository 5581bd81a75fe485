import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { RecoveryCodeHasher } from '@identity/security';
import { AccountCommandRunner } from '../account-command-runner';
import { accountSecurityOf } from '../account-security-payloads';
import { RegenerateRecoveryCodesCommand } from './regenerate-recovery-codes.command';
import { RecoveryCodesPayload } from './regenerate-recovery-codes.input';
import { GoverningPreference } from '../logon-aids/governing-preference';

/** A new set of recovery codes voids the old one (sensitive: the acting session goes into the command, for step-up). */
@CommandHandler(RegenerateRecoveryCodesCommand)
export class RegenerateRecoveryCodesHandler implements ICommandHandler<RegenerateRecoveryCodesCommand> {
  constructor(
    private readonly accounts: AccountCommandRunner,
    private readonly recoveryCodes: RecoveryCodeHasher,
    private readonly devices: GoverningPreference,
  ) {}

  async execute({ context }: RegenerateRecoveryCodesCommand): Promise<RecoveryCodesPayload> {
    await this.devices.requireOwnDeviceManagement(context.principal.accountId);
    const { accountId, sessionId } = context.principal;
    let shown: string[] = [];
    const write = await this.accounts.run(accountId, context, (_state, now) => {
      const { codes, hashes } = this.recoveryCodes.generateSet();
      shown = codes;
      return { type: 'RegenerateRecoveryCodes', now, sessionId, recoveryCodes: { setId: randomUUID(), codes: hashes } };
    });
    return { recoveryCodes: shown, security: accountSecurityOf(write.state) };
  }
}
