import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CodeHasher } from '@identity/security';
import { VerificationChannelEnum } from '../../graphql/graphql-enums';
import { RateLimits } from '../../rate-limits/rate-limits.service';
import { AccountCommandRunner } from '../account-command-runner';
import { currentCodeKey } from '../change-contact/change-contact.handler';
import { CodeDispatch } from '../code-dispatch';
import { ConfirmContactChangeCommand } from './confirm-contact-change.command';
import { ConfirmContactChangePayload } from './confirm-contact-change.input';

/**
 * Applies a contact change with its code(s), hashed here; a wrong one is recorded (and counts
 * towards the lock) before INVALID_CODE is answered. A sensitive operation: the command carries the
 * acting session.
 */
@CommandHandler(ConfirmContactChangeCommand)
export class ConfirmContactChangeHandler implements ICommandHandler<ConfirmContactChangeCommand> {
  constructor(
    private readonly rateLimits: RateLimits,
    private readonly dispatch: CodeDispatch,
    private readonly accounts: AccountCommandRunner,
    private readonly codes: CodeHasher,
  ) {}

  async execute({ input, context }: ConfirmContactChangeCommand): Promise<ConfirmContactChangePayload> {
    const { accountId, sessionId } = context.principal;
    await this.rateLimits.consume(['verification-address', context.meta.ip], ['attempts-account', accountId]);
    const { verificationId } = input;
    const write = await this.accounts.run(accountId, context, (_state, now) => ({
      type: 'ConfirmContactChange',
      now,
      verificationId,
      codeHash: this.codes.hash(verificationId, input.code),
      currentCodeHash: input.currentCode ? this.codes.hash(currentCodeKey(verificationId), input.currentCode) : null,
      sessionId,
    }));
    await this.dispatch.codeAnswered(accountId);
    const channel = write.state.verifications[verificationId]?.channel ?? 'SMS';
    const masked = channel === 'SMS' ? write.state.maskedPhone : write.state.maskedEmail;
    return { channel: channel as VerificationChannelEnum, maskedDestination: masked ?? '' };
  }
}
