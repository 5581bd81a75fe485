import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { CodeHasher, generateNumericCode } from '@identity/security';
import { requirePerson } from '../../auth/principal';
import { VerificationChannelEnum } from '../../graphql/graphql-enums';
import { AccountCommandRunner } from '../account-command-runner';
import { CodeDispatch } from '../code-dispatch';
import { RequestProtectionDisableCommand } from './request-protection-disable.command';
import { RequestProtectionDisablePayload } from './request-protection-disable.input';

/** Starts turning protection off: records an identity verification for that purpose (its code hashed), then sends the code. */
@CommandHandler(RequestProtectionDisableCommand)
export class RequestProtectionDisableHandler implements ICommandHandler<RequestProtectionDisableCommand> {
  constructor(
    private readonly accounts: AccountCommandRunner,
    private readonly codes: CodeHasher,
    private readonly dispatch: CodeDispatch,
  ) {}

  async execute({ input, context }: RequestProtectionDisableCommand): Promise<RequestProtectionDisablePayload> {
    const { accountId } = requirePerson(context);
    const code = generateNumericCode();
    const write = await this.accounts.run(accountId, context, (_state, now) => {
      const verificationId = randomUUID();
      return {
        type: 'RequestProtectionDisable', now, verificationId, channel: input.verifyBy, codeHash: this.codes.hash(verificationId, code),
      };
    });
    const started = write.events.find((e) => e.type === 'IdentityVerificationStarted');
    if (started?.type !== 'IdentityVerificationStarted') throw new Error('requestProtectionDisable recorded no verification');
    const expiresAt = new Date(started.data.expiresAt);
    await this.dispatch.send(accountId, write.state, started.data.channel, code, 'DISABLE_PROTECTION', expiresAt);
    return {
      verification: {
        verificationId: started.data.verificationId, channel: started.data.channel as VerificationChannelEnum,
        maskedDestination: started.data.maskedDestination, expiresAt,
      },
    };
  }
}
