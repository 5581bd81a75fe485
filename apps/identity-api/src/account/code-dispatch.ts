import { Inject, Injectable, Logger } from '@nestjs/common';
import { AccountState, VerificationChannel } from '@identity/domain';
import { SecretBox } from '@identity/security';
import { CODE_SENDER, CodeMessage, CodeSender } from '../delivery/code-delivery.port';
import { apiError } from '../graphql/api-error';

/** Sends a code to the account's own phone or email, decrypted only for the moment of sending. */
@Injectable()
export class CodeDispatch {
  private readonly logger = new Logger('CodeDelivery');

  constructor(@Inject(CODE_SENDER) private readonly sender: CodeSender, private readonly secrets: SecretBox) {}

  async send(
    accountId: string, state: AccountState, channel: VerificationChannel, code: string,
    purpose: CodeMessage['purpose'], expiresAt: Date,
  ): Promise<void> {
    const box = channel === 'SMS' ? state.phone : state.email;
    if (!box) throw apiError('BAD_USER_INPUT', `the account has no ${channel === 'SMS' ? 'phone number' : 'email address'}`);
    try {
      await this.sender.send({ channel, to: this.secrets.decrypt(accountId, box), code, purpose, expiresAt });
    } catch (error) {
      this.logger.error(`delivery by ${channel} failed: ${(error as Error).message}`);
      throw apiError('DELIVERY_FAILED', `the code could not be sent by ${channel}; try again`);
    }
  }
}
