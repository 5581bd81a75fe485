import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { contactChangeNeedsCurrentCode } from '@identity/domain';
import { CodeHasher, generateNumericCode, maskEmail, maskPhone, SecretBox } from '@identity/security';
import { VerificationChannelEnum } from '../../graphql/graphql-enums';
import { AccountCommandRunner } from '../account-command-runner';
import { CodeDispatch } from '../code-dispatch';
import { IdentityVerification } from '../enable-protection/enable-protection.input';
import { ChangeContactCommand } from './change-contact.command';
import { ChangeContactPayload } from './change-contact.input';

/** The key the code to the current destination is hashed under (the new one's is the verification id). */
export const currentCodeKey = (verificationId: string) => `${verificationId}:current`;

/**
 * Starts proving a new phone or email: records it (encrypted and masked, as registration stores
 * them) with the hash of a fresh code, then sends that code to the NEW destination. When the
 * current destination carries the protection's codes, a second code goes to it. A sensitive
 * operation: the command carries the acting session. Sends are rate limited like every code.
 */
@CommandHandler(ChangeContactCommand)
export class ChangeContactHandler implements ICommandHandler<ChangeContactCommand> {
  constructor(
    private readonly accounts: AccountCommandRunner,
    private readonly codes: CodeHasher,
    private readonly secrets: SecretBox,
    private readonly dispatch: CodeDispatch,
  ) {}

  async execute({ channel, destination, context }: ChangeContactCommand): Promise<ChangeContactPayload> {
    const { accountId, sessionId } = context.principal;
    const code = generateNumericCode();
    const currentCode = generateNumericCode();
    // Asking again starts another change: an error after this write (a code not sent) keeps its code.
    const write = await this.accounts.run(
      accountId,
      context,
      (state, now) => {
        const verificationId = randomUUID();
        return {
          type: 'RequestContactChange',
          now,
          verificationId,
          channel,
          destination: this.secrets.encrypt(accountId, destination),
          maskedDestination: channel === 'SMS' ? maskPhone(destination) : maskEmail(destination),
          codeHash: this.codes.hash(verificationId, code),
          currentCodeHash: contactChangeNeedsCurrentCode(state, channel)
            ? this.codes.hash(currentCodeKey(verificationId), currentCode)
            : null,
          sessionId,
        };
      },
      { retrySafe: true },
    );
    const started = write.events.find((e) => e.type === 'ContactChangeRequested');
    if (started?.type !== 'ContactChangeRequested') throw new Error('no contact change was recorded');
    const { verificationId, destination: box, maskedDestination, currentCodeHash } = started.data;
    const expiresAt = new Date(started.data.expiresAt);
    const { ip } = context.meta;
    await this.dispatch.sendTo(accountId, write.state, channel, box, code, 'CONTACT_CHANGE_NEW', expiresAt, ip);
    const at = (masked: string): IdentityVerification => ({
      verificationId,
      channel: channel as VerificationChannelEnum,
      maskedDestination: masked,
      expiresAt,
    });
    if (currentCodeHash === null) return { verification: at(maskedDestination), currentVerification: null };
    await this.dispatch.send(accountId, write.state, channel, currentCode, 'CONTACT_CHANGE_CURRENT', expiresAt, ip);
    const currentMasked = (channel === 'SMS' ? write.state.maskedPhone : write.state.maskedEmail) ?? '';
    return { verification: at(maskedDestination), currentVerification: at(currentMasked) };
  }
}
