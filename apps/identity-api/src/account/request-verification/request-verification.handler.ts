import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IdentityVerificationStarter } from '../identity-verification-starter';
import { RequestVerificationCommand } from './request-verification.command';
import { RequestVerificationPayload } from './request-verification.input';

/**
 * A general identity verification for one purpose (ADD_AUTHENTICATOR: beginTotpBinding may then add
 * a further device while one is bound): records it with its code hashed, then sends the code.
 */
@CommandHandler(RequestVerificationCommand)
export class RequestVerificationHandler implements ICommandHandler<RequestVerificationCommand> {
  constructor(private readonly verifications: IdentityVerificationStarter) {}

  async execute({ input, context }: RequestVerificationCommand): Promise<RequestVerificationPayload> {
    const verification = await this.verifications.start(context, 'IDENTITY_VERIFICATION', ({ verificationId, codeHash, now }) => ({
      type: 'RequestVerification',
      now,
      sessionId: context.principal.sessionId,
      verificationId,
      codeHash,
      purpose: input.purpose,
      channel: input.verifyBy,
    }));
    return { verification };
  }
}
