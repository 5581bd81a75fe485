import { bearer, gql, GqlResponse } from './graphql-client';

/** Where the suites send GraphQL, and optionally a transcript of every answer (for secret scans). */
export interface Api {
  graphqlUrl: string;
  transcript?: Exchange[];
}

export interface Exchange {
  operation: OperationName;
  status: number;
  text: string;
}

export type Scene = 'LOGON' | 'SENSITIVE_OPERATION';
export type Method = 'TOTP' | 'SMS' | 'EMAIL';
export type Channel = 'SMS' | 'EMAIL';

export interface AccountSecurity {
  accountId: string;
  protectionEnabled: boolean;
  scenes: Scene[];
  method: Method | null;
  totpBound: boolean;
  totpBoundAt: string | null;
  lockedUntil: string | null;
  updatedAt: string;
}
export interface Session {
  token: string;
  accountId: string;
  expiresAt: string;
}
export interface MfaChallenge {
  challengeId: string;
  methods: Method[];
  expiresAt: string;
}
export interface LoginPayload {
  status: 'SUCCEEDED' | 'MFA_REQUIRED' | 'MFA_ENROLLMENT_REQUIRED';
  session: Session | null;
  challenge: MfaChallenge | null;
}
export interface IdentityVerification {
  verificationId: string;
  channel: Channel;
  maskedDestination: string;
  expiresAt: string;
}
export interface TotpEnrollment {
  enrollmentId: string;
  secret: string;
  otpauthUri: string;
  qrCodeDataUrl: string;
  algorithm: string;
  digits: number;
  period: number;
  expiresAt: string;
}
export interface Account {
  accountId: string;
  loginName: string;
  security: AccountSecurity;
}

export const SECURITY_FIELDS = 'accountId protectionEnabled scenes method totpBound totpBoundAt lockedUntil updatedAt';
/** What the recovery-code and device operations answer: the protection, the codes left, each device's name and drift. */
export const DEVICE_FIELDS =
  'protectionEnabled method totpBound recoveryCodesRemaining authenticators { id kind name lastUsedAt driftSteps }';
const LOGIN_FIELDS = 'status session { token accountId expiresAt } challenge { challengeId methods expiresAt }';

/** The documents, named as the operations of the contract. */
export const DOCUMENTS = {
  registerAccount: 'mutation registerAccount($input: RegisterAccountInput!) { registerAccount(input: $input) { accountId } }',
  login: `mutation login($input: LoginInput!) { login(input: $input) { ${LOGIN_FIELDS} } }`,
  completeLogin: `mutation completeLogin($input: CompleteLoginInput!) { completeLogin(input: $input) { ${LOGIN_FIELDS} } }`,
  enableProtection: `mutation enableProtection($input: EnableProtectionInput!) {
    enableProtection(input: $input) { verification { verificationId channel maskedDestination expiresAt } } }`,
  verifyIdentity: `mutation verifyIdentity($input: VerifyIdentityInput!) {
    verifyIdentity(input: $input) { verified security { ${SECURITY_FIELDS} } } }`,
  beginTotpBinding: `mutation beginTotpBinding($input: BeginTotpBindingInput!) {
    beginTotpBinding(input: $input) { enrollmentId secret otpauthUri qrCodeDataUrl algorithm digits period expiresAt } }`,
  bindTotp: `mutation bindTotp($input: BindTotpInput!) { bindTotp(input: $input) { recoveryCodes security { ${SECURITY_FIELDS} } } }`,
  regenerateRecoveryCodes: `mutation regenerateRecoveryCodes {
    regenerateRecoveryCodes { recoveryCodes security { ${DEVICE_FIELDS} } } }`,
  renameAuthenticator: `mutation renameAuthenticator($input: RenameAuthenticatorInput!) {
    renameAuthenticator(input: $input) { ${DEVICE_FIELDS} } }`,
  removeAuthenticator: `mutation removeAuthenticator($input: RemoveAuthenticatorInput!) {
    removeAuthenticator(input: $input) { ${DEVICE_FIELDS} } }`,
  resyncTotp: `mutation resyncTotp($input: ResyncTotpInput!) { resyncTotp(input: $input) { ${DEVICE_FIELDS} } }`,
  myDevices: `query myDevices { me { security { ${DEVICE_FIELDS} } } }`,
  requestProtectionDisable: `mutation requestProtectionDisable($input: RequestProtectionDisableInput!) {
    requestProtectionDisable(input: $input) { verification { verificationId channel maskedDestination expiresAt } } }`,
  disableProtection: `mutation disableProtection($input: DisableProtectionInput!) {
    disableProtection(input: $input) { security { ${SECURITY_FIELDS} } } }`,
  changeProtection: `mutation changeProtection($input: ChangeProtectionInput!) {
    changeProtection(input: $input) { security { ${SECURITY_FIELDS} } } }`,
  changePhone: `mutation changePhone($input: ChangePhoneInput!) { changePhone(input: $input) {
    verification { verificationId channel maskedDestination expiresAt } currentVerification { verificationId channel maskedDestination expiresAt } } }`,
  changeEmail: `mutation changeEmail($input: ChangeEmailInput!) { changeEmail(input: $input) {
    verification { verificationId channel maskedDestination expiresAt } currentVerification { verificationId channel maskedDestination expiresAt } } }`,
  confirmContactChange: `mutation confirmContactChange($input: ConfirmContactChangeInput!) {
    confirmContactChange(input: $input) { channel maskedDestination } }`,
  requestVerification: `mutation requestVerification($input: RequestVerificationInput!) {
    requestVerification(input: $input) { verification { verificationId channel maskedDestination expiresAt } } }`,
  changePassword: 'mutation changePassword($input: ChangePasswordInput!) { changePassword(input: $input) }',
  requestPasswordReset: `mutation requestPasswordReset($input: RequestPasswordResetInput!) {
    requestPasswordReset(input: $input) { verification { verificationId channel maskedDestination expiresAt } } }`,
  resetPassword: 'mutation resetPassword($input: ResetPasswordInput!) { resetPassword(input: $input) }',
  eraseAccount: `mutation eraseAccount($input: EraseAccountInput!) { eraseAccount(input: $input) { security { ${SECURITY_FIELDS} erased } } }`,
  myAuthenticators: 'query myAuthenticators { me { security { authenticators { id kind name boundAt lastUsedAt } } } }',
  me: `query me { me { accountId loginName security { ${SECURITY_FIELDS} } } }`,
  accountSecurity: `query accountSecurity($accountId: ID!) { accountSecurity(accountId: $accountId) { ${SECURITY_FIELDS} } }`,
} as const;
export type OperationName = keyof typeof DOCUMENTS;

/** Sends one operation of the contract, with a session token if given; records it in the transcript. */
export async function send(
  api: Api,
  operation: OperationName,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GqlResponse> {
  const response = await gql(api.graphqlUrl, DOCUMENTS[operation], variables, token ? bearer(token) : {});
  api.transcript?.push({ operation, status: response.status, text: response.text });
  return response;
}

/** The operation's payload; fails with the whole answer when there are errors or no data. */
export async function run<T>(api: Api, operation: OperationName, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const response = await send(api, operation, variables, token);
  const payload = response.body.data?.[operation];
  if (response.body.errors?.length || payload === undefined) {
    throw new Error(`${operation} failed (HTTP ${response.status}): ${response.text.slice(0, 1000)}`);
  }
  return payload as T;
}

export interface NewAccount {
  loginName: string;
  password: string;
  email: string;
  phone: string;
}

export const registerAccount = (api: Api, input: Partial<NewAccount> & Pick<NewAccount, 'loginName' | 'password'>) =>
  run<{ accountId: string }>(api, 'registerAccount', { input });

export const login = (api: Api, input: { loginName: string; password: string }) => run<LoginPayload>(api, 'login', { input });

export const completeLogin = (api: Api, input: { challengeId: string; code: string }) => run<LoginPayload>(api, 'completeLogin', { input });

export const enableProtection = async (api: Api, token: string, input: { scenes: Scene[]; method: Method; verifyBy: Channel }) =>
  (await run<{ verification: IdentityVerification }>(api, 'enableProtection', { input }, token)).verification;

export const verifyIdentity = (api: Api, token: string, input: { verificationId: string; code: string }) =>
  run<{ verified: boolean; security: AccountSecurity }>(api, 'verifyIdentity', { input }, token);

export const beginTotpBinding = (api: Api, token: string, input: { verificationId: string; name?: string }) =>
  run<TotpEnrollment>(api, 'beginTotpBinding', { input }, token);

export const bindTotp = (api: Api, token: string, input: { enrollmentId: string; code: string }) =>
  run<{ security: AccountSecurity; recoveryCodes: string[] }>(api, 'bindTotp', { input }, token);

export const requestProtectionDisable = async (api: Api, token: string, input: { verifyBy: Channel }) =>
  (await run<{ verification: IdentityVerification }>(api, 'requestProtectionDisable', { input }, token)).verification;

export const disableProtection = (api: Api, token: string, input: { verificationId: string; code: string; totpCode?: string }) =>
  run<{ security: AccountSecurity }>(api, 'disableProtection', { input }, token);

export const changeProtection = (
  api: Api,
  token: string,
  input: { scenes: Scene[]; method: Method; verificationId: string; totpCode?: string },
) => run<{ security: AccountSecurity }>(api, 'changeProtection', { input }, token);

export interface ContactChange {
  verification: IdentityVerification;
  currentVerification: IdentityVerification | null;
}
export const changePhone = (api: Api, token: string, input: { phone: string }) => run<ContactChange>(api, 'changePhone', { input }, token);
export const changeEmail = (api: Api, token: string, input: { email: string }) => run<ContactChange>(api, 'changeEmail', { input }, token);
export const confirmContactChange = (api: Api, token: string, input: { verificationId: string; code: string; currentCode?: string }) =>
  run<{ channel: Channel; maskedDestination: string }>(api, 'confirmContactChange', { input }, token);

export const me = (api: Api, token: string) => run<Account | null>(api, 'me', {}, token);

export const accountSecurity = (api: Api, token: string, accountId: string) =>
  run<AccountSecurity | null>(api, 'accountSecurity', { accountId }, token);

export interface Authenticator {
  id: string;
  kind: 'TOTP';
  name: string;
  boundAt: string;
  lastUsedAt: string | null;
}

export const requestVerification = async (
  api: Api,
  token: string,
  input: { verifyBy: Channel; purpose: 'ADD_AUTHENTICATOR' | 'CHANGE_PROTECTION' | 'ERASE_ACCOUNT' },
) => (await run<{ verification: IdentityVerification }>(api, 'requestVerification', { input }, token)).verification;

/** The signed-in person's authenticators, from the read model. */
export async function myAuthenticators(api: Api, token: string): Promise<Authenticator[]> {
  const response = await send(api, 'myAuthenticators', {}, token);
  const me = response.body.data?.me as { security: { authenticators: Authenticator[] } } | null | undefined;
  if (response.body.errors?.length || me === undefined)
    throw new Error(`me failed (HTTP ${response.status}): ${response.text.slice(0, 1000)}`);
  return me?.security.authenticators ?? [];
}
