import { AccountCommand, Instant } from '@identity/domain';

type RegisterAccount = Extract<AccountCommand, { type: 'RegisterAccount' }>;

/** A RegisterAccount without contact details and with a placeholder password hash, for specs that only need an account. */
export const registerAccountCommand = (accountId: string, loginName: string, now: Instant): RegisterAccount => ({
  type: 'RegisterAccount',
  now,
  accountId,
  loginName,
  passwordHash: 'x',
  email: null,
  maskedEmail: null,
  phone: null,
  maskedPhone: null,
  primaryAccountId: null,
});
