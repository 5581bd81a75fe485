import { Injectable } from '@nestjs/common';
import { AccountState, DEFAULT_SECURITY_PREFERENCE, SecurityPreference } from '@identity/domain';
import { NotAllowedError } from '../../auth/access-errors';
import { AccountCommandRunner } from '../account-command-runner';

/**
 * The security preference that governs an account's logons and devices (docs/ram-users.md): a
 * primary account's own, or, for a RAM user, its primary's, read from the primary's stream at the
 * time of the request (no read model in between: a change applies to the very next logon).
 */
@Injectable()
export class GoverningPreference {
  constructor(private readonly accounts: AccountCommandRunner) {}

  async of(state: AccountState): Promise<SecurityPreference> {
    if (state.primaryAccountId === null) return state.securityPreference;
    const primary = await this.accounts.load(state.primaryAccountId);
    return primary.exists && !primary.erased ? primary.securityPreference : DEFAULT_SECURITY_PREFERENCE;
  }

  /**
   * A RAM user whose primary turned `ramUsersManageOwnDevices` off may not change its own second
   * factors (FORBIDDEN): binding, renaming, resyncing or removing an authenticator, new recovery
   * codes, turning protection on, changing or off. A primary account always may.
   */
  async requireOwnDeviceManagement(accountId: string): Promise<void> {
    const state = await this.accounts.load(accountId);
    if (state.primaryAccountId === null) return;
    if (!(await this.of(state)).ramUsersManageOwnDevices) {
      throw new NotAllowedError("your primary account manages this account's MFA devices");
    }
  }
}
