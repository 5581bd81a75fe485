import { randomBytes, randomInt } from 'node:crypto';
import { DeliveryReceivers } from './delivery-receivers';
import {
  AccountSecurity,
  Api,
  beginTotpBinding,
  bindTotp,
  Channel,
  completeLogin,
  enableProtection,
  IdentityVerification,
  login,
  NewAccount,
  registerAccount,
  requestVerification,
  Scene,
  TotpEnrollment,
  verifyIdentity,
} from './flow';
import { TotpAuthenticator } from './totp';

/** Fresh, unique account details: a plain login name, a strong password, an E.164 phone, an email. */
export function newAccountDetails(): NewAccount {
  const id = randomBytes(5).toString('hex');
  return {
    loginName: `e2euser${id}`,
    password: `Tr0ub4dor-${randomBytes(6).toString('base64url')}-horse`,
    email: `e2e.${id}@example.test`,
    phone: `+1555${String(randomInt(0, 10_000_000)).padStart(7, '0')}`,
  };
}

export interface RegisteredAccount extends NewAccount {
  accountId: string;
  /** A session from the first login, while the account needs no second factor. */
  token: string;
}

/** registerAccount, then login: SUCCEEDED with a session (no protection yet). */
export async function registerAndLogin(api: Api, details: NewAccount = newAccountDetails()): Promise<RegisteredAccount> {
  const { accountId } = await registerAccount(api, details);
  const first = await login(api, { loginName: details.loginName, password: details.password });
  if (first.status !== 'SUCCEEDED' || !first.session) throw new Error(`the first login did not succeed: ${JSON.stringify(first)}`);
  return { ...details, accountId, token: first.session.token };
}

export interface ProtectedAccount extends RegisteredAccount {
  verification: IdentityVerification;
  enrollment: TotpEnrollment;
  /** The authenticator app holding the secret; its first code was used by bindTotp. */
  authenticator: TotpAuthenticator;
  /** What bindTotp answered. */
  security: AccountSecurity;
  /** The recovery codes bindTotp showed (once). */
  recoveryCodes: string[];
}

/** A registered account that asked to enable protection (LOGON, TOTP): the verification and the code `channel` delivered. */
export interface EnablingAccount extends RegisteredAccount {
  verification: IdentityVerification;
  deliveredCode: string;
}

/** The set-up's first steps: register, login, enableProtection(`scenes`, TOTP) verified by `channel`, the code received. */
export async function startEnablingProtection(
  api: Api,
  receivers: DeliveryReceivers,
  channel: Channel = 'SMS',
  scenes: Scene[] = ['LOGON'],
): Promise<EnablingAccount> {
  const account = await registerAndLogin(api);
  const verification = await enableProtection(api, account.token, { scenes, method: 'TOTP', verifyBy: channel });
  const deliveredCode = await receivers.waitForCode(channel, channel === 'SMS' ? account.phone : account.email);
  return { ...account, verification, deliveredCode };
}

/** The set-up up to beginTotpBinding: the identity verified with the delivered code, the enrollment begun. */
export async function beginBindingTotp(
  api: Api,
  receivers: DeliveryReceivers,
  channel: Channel = 'SMS',
  scenes: Scene[] = ['LOGON'],
): Promise<EnablingAccount & { enrollment: TotpEnrollment }> {
  const account = await startEnablingProtection(api, receivers, channel, scenes);
  const verified = await verifyIdentity(api, account.token, {
    verificationId: account.verification.verificationId,
    code: account.deliveredCode,
  });
  if (!verified.verified) throw new Error('verifyIdentity answered verified: false');
  const enrollment = await beginTotpBinding(api, account.token, { verificationId: account.verification.verificationId });
  return { ...account, enrollment };
}

/**
 * The whole set-up a client goes through: register, login, enableProtection(`scenes`, TOTP) verified by
 * `channel`, verifyIdentity with the delivered code, beginTotpBinding, bindTotp with a real code.
 */
export async function protectWithTotp(
  api: Api,
  receivers: DeliveryReceivers,
  channel: Channel = 'SMS',
  scenes: Scene[] = ['LOGON'],
): Promise<ProtectedAccount> {
  const account = await beginBindingTotp(api, receivers, channel, scenes);
  const authenticator = new TotpAuthenticator(account.enrollment.secret);
  const { security, recoveryCodes } = await bindTotp(api, account.token, {
    enrollmentId: account.enrollment.enrollmentId,
    code: await authenticator.nextCode(),
  });
  return { ...account, authenticator, security, recoveryCodes };
}

/** login, then completeLogin with the authenticator's next code: the new session's token and the code it spent. */
export async function loginWithTotp(api: Api, account: ProtectedAccount): Promise<{ token: string; code: string }> {
  const started = await login(api, { loginName: account.loginName, password: account.password });
  if (started.status !== 'MFA_REQUIRED' || !started.challenge)
    throw new Error(`login did not ask for a second factor: ${JSON.stringify(started)}`);
  const code = await account.authenticator.nextCode();
  const done = await completeLogin(api, { challengeId: started.challenge.challengeId, code });
  if (done.status !== 'SUCCEEDED' || !done.session) throw new Error(`completeLogin did not succeed: ${JSON.stringify(done)}`);
  return { token: done.session.token, code };
}

/** A six-digit code that differs from `code` (for a wrong verification code). */
export function otherCode(code: string): string {
  const last = (Number(code.slice(-1)) + 1) % 10;
  return `${code.slice(0, -1)}${last}`;
}

export interface AddedAuthenticator {
  enrollment: TotpEnrollment;
  /** The app holding the new secret; its first code was used by bindTotp. */
  authenticator: TotpAuthenticator;
  security: AccountSecurity;
  /** What bindTotp showed: no recovery codes for a further device. */
  recoveryCodes: string[];
}

/**
 * A further authenticator on an account that has one: requestVerification(ADD_AUTHENTICATOR) by
 * SMS, verifyIdentity with the delivered code, beginTotpBinding with `name`, bindTotp with a code
 * from the secret the API returned.
 */
export async function addAuthenticator(
  api: Api,
  receivers: DeliveryReceivers,
  account: RegisteredAccount,
  name: string,
): Promise<AddedAuthenticator> {
  const verification = await requestVerification(api, account.token, { verifyBy: 'SMS', purpose: 'ADD_AUTHENTICATOR' });
  const code = await receivers.waitForCode('SMS', account.phone);
  await verifyIdentity(api, account.token, { verificationId: verification.verificationId, code });
  const enrollment = await beginTotpBinding(api, account.token, { verificationId: verification.verificationId, name });
  const authenticator = new TotpAuthenticator(enrollment.secret);
  const { security, recoveryCodes } = await bindTotp(api, account.token, {
    enrollmentId: enrollment.enrollmentId,
    code: await authenticator.nextCode(),
  });
  return { enrollment, authenticator, security, recoveryCodes };
}
