/**
 * What each mutation costs an attacker's target: checking a secret (a password or code guess),
 * sending a code (SMS or email money), creating an account, or none of these. A request may hold at
 * most one mutation field whose role is not NONE. Every mutation of the schema must be listed here
 * (mutation-roles.spec.ts compares this with the schema), and one missing from it counts as guarded.
 */
export type MutationRole = 'SECRET_CHECK' | 'CODE_SEND' | 'ACCOUNT_CREATION' | 'NONE';

export const MUTATION_ROLES: Readonly<Record<string, MutationRole>> = {
  login: 'SECRET_CHECK',
  completeLogin: 'SECRET_CHECK',
  verifyIdentity: 'SECRET_CHECK',
  bindTotp: 'SECRET_CHECK',
  disableProtection: 'SECRET_CHECK',
  changeProtection: 'SECRET_CHECK',
  confirmContactChange: 'SECRET_CHECK',
  beginTotpBinding: 'SECRET_CHECK',
  stepUp: 'SECRET_CHECK',
  resyncTotp: 'SECRET_CHECK',
  // Checks a TOTP code when it turns protection off with the last authenticator.
  removeAuthenticator: 'SECRET_CHECK',
  registerAccount: 'ACCOUNT_CREATION',
  createRamUser: 'ACCOUNT_CREATION',
  updateRamUser: 'NONE',
  disableRamUser: 'NONE',
  enableRamUser: 'NONE',
  deleteRamUser: 'NONE',
  // Runs argon2 on the new password, as a registration does.
  setRamUserPassword: 'ACCOUNT_CREATION',
  enableProtection: 'CODE_SEND',
  requestProtectionDisable: 'CODE_SEND',
  requestVerification: 'CODE_SEND',
  changePhone: 'CODE_SEND',
  changeEmail: 'CODE_SEND',
  changePassword: 'SECRET_CHECK',
  resetPassword: 'SECRET_CHECK',
  requestPasswordReset: 'CODE_SEND',
  eraseAccount: 'NONE',
  createWebhook: 'NONE',
  deleteWebhook: 'NONE',
  resumeWebhook: 'NONE',
  rotateWebhookSecret: 'NONE',
  // Admin only; checks no secret and sends nothing (docs/adr/0005-lockout.md).
  unlockAccount: 'NONE',
  logout: 'NONE',
  revokeSession: 'NONE',
  revokeOtherSessions: 'NONE',
  regenerateRecoveryCodes: 'NONE',
  renameAuthenticator: 'NONE',
  revokeApiKey: 'NONE',
  // Issue 11 (docs/ram-users.md): the two public logon steps check codes and a ticket.
  completeEnrollment: 'SECRET_CHECK',
  completePasswordChange: 'SECRET_CHECK',
  setSecurityPreference: 'NONE',
  revokeRememberedDevices: 'NONE',
  resetRamUserMfa: 'NONE',
};

/** True for a mutation that checks a secret, sends a code or creates an account, and for one not classified. */
export function isGuardedMutation(fieldName: string): boolean {
  return (MUTATION_ROLES[fieldName] ?? 'SECRET_CHECK') !== 'NONE';
}
