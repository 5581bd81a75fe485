import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { CodeHasher, generateNumericCode } from '@identity/security';
import { requirePerson } from '../../auth/principal';
import { VerificationChannelEnum } from '../../graphql/graphql-enums';
import { AccountCommandRunner } from '../account-command-runner';
import { CodeDispatch } from '../code-dispatch';
import { EnableProtectionCommand } from './enable-protection.command';
import { EnableProtectionPayload } from './enable-protection.input';

/** Starts turning protection on: records an identity verification (its code hashed), then sends the code. */
@CommandHandler(EnableProtectionCommand)
export class EnableProtectionHandler implements ICommandHandler<EnableProtectionCommand> {
  constructor(
    private readonly accounts: AccountCommandRunner,
    private readonly codes: CodeHasher,
    private readonly dispatch: CodeDispatch,
  ) {}

  async execute({ input, context }: EnableProtectionCommand): Promise<EnableProtectionPayload> {
    const { accountId } = requirePerson(context);
    const code = generateNumericCode();
    const write = await this.accounts.run(accountId, context, (_state, now) => {
      const verificationId = randomUUID();
      return {
        type: 'EnableProtection', now, verificationId, scenes: input.scenes, method: input.method, channel: input.verifyBy,
        codeHash: this.codes.hash(verificationId, code),
      };
    });
    const started = write.events.find((e) => e.type === 'IdentityVerificationStarted');
    if (started?.type !== 'IdentityVerificationStarted') throw new Error('enableProtection recorded no verification');
    const expiresAt = new Date(started.data.expiresAt);
    await this.dispatch.send(accountId, write.state, started.data.channel, code, 'IDENTITY_VERIFICATION', expiresAt);
    return {
      verification: {
        verificationId: started.data.verificationId, channel: started.data.channel as VerificationChannelEnum,
        maskedDestination: started.data.maskedDestination, expiresAt,
      },
    };
  }
}
