import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IdentityVerificationStarter } from '../identity-verification-starter';
import { RequestProtectionDisableCommand } from './request-protection-disable.command';
import { RequestProtectionDisablePayload } from './request-protection-disable.input';
import { GoverningPreference } from '../logon-aids/governing-preference';

/** Starts turning protection off: records an identity verification for that purpose (its code hashed), then sends the code. */
@CommandHandler(RequestProtectionDisableCommand)
export class RequestProtectionDisableHandler implements ICommandHandler<RequestProtectionDisableCommand> {
  constructor(
    private readonly verifications: IdentityVerificationStarter,
    private readonly devices: GoverningPreference,
  ) {}

  async execute({ input, context }: RequestProtectionDisableCommand): Promise<RequestProtectionDisablePayload> {
    await this.devices.requireOwnDeviceManagement(context.principal.accountId);
    const verification = await this.verifications.start(context, 'DISABLE_PROTECTION', ({ verificationId, codeHash, now }) => ({
      type: 'RequestProtectionDisable',
      now,
      sessionId: context.principal.sessionId,
      verificationId,
      codeHash,
      channel: input.verifyBy,
    }));
    return { verification };
  }
}
