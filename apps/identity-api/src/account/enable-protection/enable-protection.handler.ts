import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IdentityVerificationStarter } from '../identity-verification-starter';
import { EnableProtectionCommand } from './enable-protection.command';
import { EnableProtectionPayload } from './enable-protection.input';
import { GoverningPreference } from '../logon-aids/governing-preference';

/** Starts turning protection on: records an identity verification (its code hashed), then sends the code. */
@CommandHandler(EnableProtectionCommand)
export class EnableProtectionHandler implements ICommandHandler<EnableProtectionCommand> {
  constructor(
    private readonly verifications: IdentityVerificationStarter,
    private readonly devices: GoverningPreference,
  ) {}

  async execute({ input, context }: EnableProtectionCommand): Promise<EnableProtectionPayload> {
    await this.devices.requireOwnDeviceManagement(context.principal.accountId);
    const verification = await this.verifications.start(context, 'IDENTITY_VERIFICATION', ({ verificationId, codeHash, now }) => ({
      type: 'EnableProtection',
      now,
      sessionId: context.principal.sessionId,
      verificationId,
      codeHash,
      scenes: input.scenes,
      method: input.method,
      channel: input.verifyBy,
    }));
    return { verification };
  }
}
