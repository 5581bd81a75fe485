import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CodeHasher } from '@identity/security';
import { accountSecurityOf } from '../account-security-payloads';
import { AccountCommandRunner } from '../account-command-runner';
import { VerifyIdentityCommand } from './verify-identity.command';
import { VerifyIdentityPayload } from './verify-identity.input';

@CommandHandler(VerifyIdentityCommand)
export class VerifyIdentityHandler implements ICommandHandler<VerifyIdentityCommand> {
  constructor(
    private readonly accounts: AccountCommandRunner,
    private readonly codes: CodeHasher,
  ) {}

  async execute({ input, context }: VerifyIdentityCommand): Promise<VerifyIdentityPayload> {
    const { accountId } = context.principal;
    const write = await this.accounts.run(accountId, context, (_state, now) => ({
      type: 'VerifyIdentity', now, verificationId: input.verificationId, codeHash: this.codes.hash(input.verificationId, input.code),
    }));
    return { verified: true, security: accountSecurityOf(write.state) };
  }
}
