import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { NewRecoveryCodes } from '@identity/domain';
import { matchTotpStep, RecoveryCodeHasher, SecretBox } from '@identity/security';
import { AccountCommandRunner } from '../account-command-runner';
import { accountSecurityOf } from '../account-security-payloads';
import { BindTotpCommand } from './bind-totp.command';
import { BindTotpPayload } from './bind-totp.input';
import { RateLimits } from '../../rate-limits/rate-limits.service';
import { GoverningPreference } from '../logon-aids/governing-preference';

/**
 * Confirms the authenticator with a code from it; the accepted time step is recorded, so it cannot
 * be used again. The binding that turns TOTP protection on also stores the first recovery codes:
 * generated here, hashed into the command, and shown once in this payload (never stored in clear).
 */
@CommandHandler(BindTotpCommand)
export class BindTotpHandler implements ICommandHandler<BindTotpCommand> {
  constructor(
    private readonly rateLimits: RateLimits,
    private readonly accounts: AccountCommandRunner,
    private readonly secrets: SecretBox,
    private readonly recoveryCodes: RecoveryCodeHasher,
    private readonly devices: GoverningPreference,
  ) {}

  async execute({ input, context }: BindTotpCommand): Promise<BindTotpPayload> {
    await this.devices.requireOwnDeviceManagement(context.principal.accountId);
    const { accountId } = context.principal;
    await this.rateLimits.consume(['verification-address', context.meta.ip], ['attempts-account', accountId]);
    // Each run of the command (a conflict retries it) generates its own set; the payload shows the one stored.
    const generated = new Map<string, string[]>();
    const write = await this.accounts.run(accountId, context, (state, now) => {
      const enrollment = state.enrollments[input.enrollmentId];
      const secret = enrollment ? this.secrets.decrypt(accountId, enrollment.secret) : null;
      return {
        type: 'BindTotp',
        now,
        sessionId: context.principal.sessionId,
        enrollmentId: input.enrollmentId,
        matchedTimeStep: secret ? matchTotpStep({ secret, code: input.code, at: new Date(now) }) : null,
        recoveryCodes: state.recoveryCodes === null ? this.newRecoveryCodes(generated) : null,
      };
    });
    const stored = write.events.find((e) => e.type === 'RecoveryCodesGenerated');
    const recoveryCodes = stored?.type === 'RecoveryCodesGenerated' ? (generated.get(stored.data.setId) ?? []) : [];
    return { security: accountSecurityOf(write.state), recoveryCodes };
  }

  private newRecoveryCodes(generated: Map<string, string[]>): NewRecoveryCodes {
    const setId = randomUUID();
    const { codes, hashes } = this.recoveryCodes.generateSet();
    generated.set(setId, codes);
    return { setId, codes: hashes };
  }
}
