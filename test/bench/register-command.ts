import { AccountCommand } from '@identity/domain';

/** The registration a bench account starts with: no contact details, a placeholder password hash. */
export function registerCommand(accountId: string, loginName: string): AccountCommand {
  return {
    type: 'RegisterAccount',
    now: new Date().toISOString(),
    accountId,
    loginName,
    passwordHash: 'x',
    email: null,
    maskedEmail: null,
    phone: null,
    maskedPhone: null,
    primaryAccountId: null,
  };
}
