import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountState, EraseAccount } from '@identity/domain';
import { SecretBox } from '@identity/security';
import { NotAllowedError } from '../../auth/access-errors';
import { PrincipalContext, requireRole } from '../../auth/principal';
import { apiError } from '../../graphql/api-error';
import { AccountCommandRunner, refreshAccountSnapshot } from '../account-command-runner';
import { RamUserErasure } from '../ram-user-erasure';
import { accountSecurityOf } from '../account-security-payloads';
import { EraseAccountCommand } from './erase-account.command';
import { EraseAccountPayload } from './erase-account.input';

type Erasure = { accountId: string; command: Omit<EraseAccount, 'now'> };

/**
 * Erasure (crypto-shredding): AccountErased is appended, then the account's data key is destroyed, so
 * every encrypted field of its events (phone, email, TOTP secrets) is unreadable everywhere, and its
 * snapshot is rewritten without the old state. Erasing an erased account again (an admin retrying
 * after a crash between the two) destroys the key again and changes nothing else. A primary
 * account's erasure then erases its RAM users (each disabled, erased, its key destroyed: see
 * docs/ram-users.md); an admin's erasure of an erased primary completes that cascade.
 */
@CommandHandler(EraseAccountCommand)
export class EraseAccountHandler implements ICommandHandler<EraseAccountCommand> {
  constructor(
    private readonly accounts: AccountCommandRunner,
    private readonly secrets: SecretBox,
    private readonly ramUsers: RamUserErasure,
  ) {}

  async execute({ input, context }: EraseAccountCommand): Promise<EraseAccountPayload> {
    const { accountId, command } = erasureOf(input, context);
    const before = await this.accounts.load(accountId);
    if (!before.exists) throw apiError('BAD_USER_INPUT', 'accountId: no such account', { field: 'accountId' });
    if (before.erased && command.by === 'ADMIN') {
      this.secrets.shred(accountId);
      await this.afterErasure(before, context);
      return { security: accountSecurityOf(before) };
    }
    const write = await this.accounts.run(accountId, context, (_state, now) => ({ ...command, now }));
    this.secrets.shred(accountId);
    await refreshAccountSnapshot(this.accounts, accountId);
    await this.afterErasure(write.state, context);
    return { security: accountSecurityOf(write.state) };
  }

  /** A primary's RAM users go with it; an erased RAM user leaves its primary's membership. */
  private async afterErasure(state: AccountState, context: PrincipalContext): Promise<void> {
    const accountId = state.accountId ?? '';
    if (state.primaryAccountId === null) await this.ramUsers.erasePrimarysUsers(accountId, context);
    else await this.ramUsers.erase(state.primaryAccountId, accountId, context, 'DELETED');
  }
}

function erasureOf(input: { verificationId?: string | null; accountId?: string | null }, context: PrincipalContext): Erasure {
  const { principal } = context;
  if (principal.kind === 'person') {
    if (input.accountId && input.accountId !== principal.accountId) throw new NotAllowedError();
    if (!input.verificationId)
      throw apiError('BAD_USER_INPUT', 'verificationId: a verified ERASE_ACCOUNT verification is required', { field: 'verificationId' });
    const command = {
      type: 'EraseAccount' as const,
      by: 'SELF' as const,
      sessionId: principal.sessionId,
      verificationId: input.verificationId,
    };
    return { accountId: principal.accountId, command };
  }
  requireRole(context, ['admin']);
  if (!input.accountId) throw apiError('BAD_USER_INPUT', 'accountId: an admin key names the account to erase', { field: 'accountId' });
  if (input.verificationId)
    throw apiError('BAD_USER_INPUT', 'verificationId: only a person erasing their own account gives one', { field: 'verificationId' });
  return { accountId: input.accountId, command: { type: 'EraseAccount', by: 'ADMIN', sessionId: null, verificationId: null } };
}
