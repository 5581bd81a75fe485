import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { maskEmail, maskPhone, PasswordHasher, SecretBox } from '@identity/security';
import { isDomainError } from '../account-command-runner';
import { LoginNameClaims, taken } from '../login-name-claims';
import { RamUserManager, ramUserLoginName } from '../ram-user-manager';
import { RamUserErasure } from '../ram-user-erasure';
import { DomainError } from '@identity/domain';
import { RamUserModel } from '../../ram-users/ram-user.model';
import { CreateRamUserCommand } from './create-ram-user.command';
import { CreateRamUserPayload } from './create-ram-user.input';
import { RateLimits } from '../../rate-limits/rate-limits.service';

/**
 * createRamUser, in the order that keeps every crash harmless (docs/adr/0008-ram-users.md): it
 * counts in the registration bucket of its client address (as registerAccount: it runs argon2 and
 * claims a name); the acting primary is checked; the whole name `name@alias` is claimed (an unfinished claim is
 * completed); the user joins the primary's membership stream (refused once the primary is being
 * erased); then its account stream is written. A crash before the last step leaves a member with no
 * account, which listings skip and the next createRamUser of that name completes.
 */
@CommandHandler(CreateRamUserCommand)
export class CreateRamUserHandler implements ICommandHandler<CreateRamUserCommand> {
  constructor(
    private readonly rateLimits: RateLimits,
    private readonly manager: RamUserManager,
    private readonly claims: LoginNameClaims,
    private readonly passwords: PasswordHasher,
    private readonly secrets: SecretBox,
    private readonly erasure: RamUserErasure,
  ) {}

  async execute({ input, context }: CreateRamUserCommand): Promise<CreateRamUserPayload> {
    await this.rateLimits.consume(['registration-address', context.meta.ip]);
    const primary = await this.manager.primaryOf(context);
    const primaryAccountId = context.principal.accountId;
    const loginName = ramUserLoginName(input.loginName, primary.loginName ?? '');
    const passwordHash = await this.passwords.hash(input.password);
    const accountId = await this.claims.claim(loginName, randomUUID(), context);
    await this.manager.membership(primaryAccountId, context, (now) => ({ type: 'AddRamUser', accountId, loginName, now }));
    try {
      const write = await this.manager.run(accountId, context, (_state, now) => ({
        type: 'CreateRamUser',
        now,
        accountId,
        primaryAccountId,
        loginName,
        passwordHash,
        email: input.email ? this.secrets.encrypt(accountId, input.email) : null,
        maskedEmail: input.email ? maskEmail(input.email) : null,
        phone: input.phone ? this.secrets.encrypt(accountId, input.phone) : null,
        maskedPhone: input.phone ? maskPhone(input.phone) : null,
        displayName: input.displayName ?? input.loginName,
        mfaRequired: input.mfaRequired,
        passwordResetRequired: input.passwordResetRequired,
      }));
      // The primary's erasure closed its membership while this ran: the new user goes with it.
      if ((await this.manager.members(primaryAccountId)).closed) {
        await this.erasure.erase(primaryAccountId, accountId, context, 'PRIMARY_ERASED');
        throw new DomainError('ACCOUNT_NOT_FOUND', 'the primary account is erased');
      }
      return { ramUser: RamUserModel.fromState(write.state) };
    } catch (error) {
      // Another creation completed the same unfinished claim first.
      if (isDomainError(error, 'ACCOUNT_EXISTS')) throw taken();
      throw error;
    }
  }
}
