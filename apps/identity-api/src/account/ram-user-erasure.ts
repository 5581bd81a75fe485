import { Injectable } from '@nestjs/common';
import { DomainError } from '@identity/domain';
import { SecretBox } from '@identity/security';
import { RequestContext } from '../auth/principal';
import { AccountCommandRunner, refreshAccountSnapshot } from './account-command-runner';
import { RamUserManager } from './ram-user-manager';

/**
 * Erasing RAM users (docs/ram-users.md, "Deleting" and "Erasing the primary"): one by
 * deleteRamUser, or all of a primary's after its own AccountErased. Each step is idempotent, so a
 * crash part-way is completed by running it again (deleteRamUser again, or an admin's eraseAccount
 * of the erased primary).
 */
@Injectable()
export class RamUserErasure {
  constructor(
    private readonly manager: RamUserManager,
    private readonly accounts: AccountCommandRunner,
    private readonly secrets: SecretBox,
  ) {}

  /**
   * Erases the primary's RAM user `accountId`: its sessions end, AccountErased (by PRIMARY), its data
   * key destroyed, its snapshot rewritten, RamUserRemoved. With PRIMARY_ERASED it is disabled first.
   * NOT_PERMITTED for an account that is not this primary's user. Its writes are retry-safe: a step
   * done is skipped the next time, so an error part-way keeps its code (deleteRamUser again finishes).
   */
  async erase(primaryAccountId: string, accountId: string, context: RequestContext, reason: 'DELETED' | 'PRIMARY_ERASED'): Promise<void> {
    const target = await this.accounts.load(accountId);
    if (target.primaryAccountId !== primaryAccountId)
      throw new DomainError('NOT_PERMITTED', 'accountId: not a RAM user of this account', 'accountId');
    if (!target.erased) {
      if (reason === 'PRIMARY_ERASED') {
        await this.manager.run(
          accountId,
          context,
          (_s, now) => ({ type: 'DisableRamUser', now, primaryAccountId, reason: 'PRIMARY_ERASED' }),
          { retrySafe: true },
        );
      }
      await this.manager.run(accountId, context, (_s, now) => ({ type: 'EraseRamUser', now, primaryAccountId }), { retrySafe: true });
    }
    this.secrets.shred(accountId);
    await refreshAccountSnapshot(this.accounts, accountId);
    await this.manager.membership(primaryAccountId, context, (now) => ({ type: 'RemoveRamUser', accountId, reason, now }));
  }

  /**
   * After the primary's own AccountErased: the membership is closed (no RAM user is added from now
   * on), then every member is disabled and erased. A member whose account was never written, or
   * names another primary, only leaves the membership.
   */
  async erasePrimarysUsers(primaryAccountId: string, context: RequestContext): Promise<number> {
    const members = await this.manager.membership(primaryAccountId, context, (now) => ({ type: 'CloseRamUsers', now }));
    let erased = 0;
    for (const accountId of Object.keys(members.members)) {
      const target = await this.accounts.load(accountId);
      if (!target.exists || target.primaryAccountId !== primaryAccountId) {
        await this.manager.membership(primaryAccountId, context, (now) => ({
          type: 'RemoveRamUser',
          accountId,
          reason: 'PRIMARY_ERASED',
          now,
        }));
        continue;
      }
      await this.erase(primaryAccountId, accountId, context, 'PRIMARY_ERASED');
      erased += 1;
    }
    return erased;
  }
}
