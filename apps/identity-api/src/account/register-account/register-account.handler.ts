import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { maskEmail, maskPhone, PasswordHasher, SecretBox } from '@identity/security';
import { AccountCommandRunner, isDomainError } from '../account-command-runner';
import { LoginNameClaims, taken } from '../login-name-claims';
import { RegisterAccountCommand } from './register-account.command';
import { RateLimits } from '../../rate-limits/rate-limits.service';

/**
 * Claims the login name in its own stream (and its look-alike skeleton: login-name-claims.ts), then
 * records the account.
 */
@CommandHandler(RegisterAccountCommand)
export class RegisterAccountHandler implements ICommandHandler<RegisterAccountCommand> {
  constructor(
    private readonly rateLimits: RateLimits,
    private readonly accounts: AccountCommandRunner,
    private readonly passwords: PasswordHasher,
    private readonly secrets: SecretBox,
    private readonly claims: LoginNameClaims,
  ) {}

  async execute({ input, context }: RegisterAccountCommand): Promise<{ accountId: string }> {
    await this.rateLimits.consume(['registration-address', context.meta.ip]);
    const passwordHash = await this.passwords.hash(input.password);
    const accountId = await this.claims.claim(input.loginName, randomUUID(), context);
    try {
      await this.accounts.run(accountId, context, (_state, now) => ({
        type: 'RegisterAccount',
        now,
        accountId,
        loginName: input.loginName,
        passwordHash,
        primaryAccountId: null,
        email: input.email ? this.secrets.encrypt(accountId, input.email) : null,
        maskedEmail: input.email ? maskEmail(input.email) : null,
        phone: input.phone ? this.secrets.encrypt(accountId, input.phone) : null,
        maskedPhone: input.phone ? maskPhone(input.phone) : null,
      }));
    } catch (error) {
      // Another registration completed the same unfinished claim first.
      if (isDomainError(error, 'ACCOUNT_EXISTS')) throw taken();
      throw error;
    }
    return { accountId };
  }
}
