import { Api, SECURITY_FIELDS } from './flow';
import { bearer, gql, GqlResponse } from './graphql-client';
import { codeForStep, currentStep } from './totp';

/** A logon step's whole answer, with issue 11's enrollment, password ticket and remembered device. */
export interface LogonAnswer {
  status: 'SUCCEEDED' | 'MFA_REQUIRED' | 'MFA_ENROLLMENT_REQUIRED' | 'PASSWORD_CHANGE_REQUIRED';
  session: { token: string; accountId: string; expiresAt: string } | null;
  challenge: { challengeId: string; methods: string[]; expiresAt: string } | null;
  enrollment: { enrollmentId: string; secret: string; otpauthUri: string; qrCodeDataUrl: string; expiresAt: string } | null;
  passwordChange: { ticket: string; expiresAt: string } | null;
  rememberedDevice: { token: string; expiresAt: string } | null;
}

export interface SecurityPreferenceAnswer {
  ramUserMfaRequired: boolean;
  ramUsersManageOwnDevices: boolean;
  rememberDevice: boolean;
  rememberDeviceDays: number | null;
  ownedByPrimary: boolean;
}

const LOGON_FIELDS = `status session { token accountId expiresAt } challenge { challengeId methods expiresAt }
  enrollment { enrollmentId secret otpauthUri qrCodeDataUrl expiresAt } passwordChange { ticket expiresAt }
  rememberedDevice { token expiresAt }`;
const PREFERENCE_FIELDS = 'ramUserMfaRequired ramUsersManageOwnDevices rememberDevice rememberDeviceDays ownedByPrimary';

export const LOGON_AID_DOCUMENTS = {
  login: `mutation login($input: LoginInput!) { login(input: $input) { ${LOGON_FIELDS} } }`,
  completeLogin: `mutation completeLogin($input: CompleteLoginInput!) { completeLogin(input: $input) { ${LOGON_FIELDS} } }`,
  completeEnrollment: `mutation completeEnrollment($input: CompleteEnrollmentInput!) {
    completeEnrollment(input: $input) { ${LOGON_FIELDS} } }`,
  completePasswordChange: `mutation completePasswordChange($input: CompletePasswordChangeInput!) {
    completePasswordChange(input: $input) { ${LOGON_FIELDS} } }`,
  setSecurityPreference: `mutation setSecurityPreference($input: SetSecurityPreferenceInput!) {
    setSecurityPreference(input: $input) { ${PREFERENCE_FIELDS} } }`,
  securityPreference: `query securityPreference { securityPreference { ${PREFERENCE_FIELDS} } }`,
  revokeRememberedDevices: 'mutation revokeRememberedDevices { revokeRememberedDevices }',
  resetRamUserMfa: `mutation resetRamUserMfa($input: ResetRamUserMfaInput!) {
    resetRamUserMfa(input: $input) { ${SECURITY_FIELDS} recoveryCodesRemaining } }`,
} as const;

export type LogonAidOperation = keyof typeof LOGON_AID_DOCUMENTS;

/** Sends one of these operations (with a session token if given). */
export function sendAid(
  api: Api,
  operation: LogonAidOperation,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GqlResponse> {
  return gql(api.graphqlUrl, LOGON_AID_DOCUMENTS[operation], variables, token ? bearer(token) : {});
}

/** The operation's payload; fails with the whole answer when there are errors. */
export async function runAid<T>(
  api: Api,
  operation: LogonAidOperation,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const response = await sendAid(api, operation, variables, token);
  const payload = response.body.data?.[operation];
  if (response.body.errors?.length || payload === undefined) {
    throw new Error(`${operation} failed (HTTP ${response.status}): ${response.text.slice(0, 1000)}`);
  }
  return payload as T;
}

export const logOn = (api: Api, input: { loginName: string; password: string; rememberedDeviceToken?: string }) =>
  runAid<LogonAnswer>(api, 'login', { input });
export const answerChallenge = (api: Api, input: { challengeId: string; code: string; rememberDevice?: boolean }) =>
  runAid<LogonAnswer>(api, 'completeLogin', { input });
export const completeEnrollment = (api: Api, input: { enrollmentId: string; code1: string; code2: string; rememberDevice?: boolean }) =>
  runAid<LogonAnswer>(api, 'completeEnrollment', { input });
export const setSecurityPreference = (api: Api, token: string, input: Record<string, unknown>) =>
  runAid<SecurityPreferenceAnswer>(api, 'setSecurityPreference', { input }, token);
export const securityPreference = (api: Api, token: string) => runAid<SecurityPreferenceAnswer>(api, 'securityPreference', {}, token);

/** Two consecutive codes of `secret` as an authenticator app shows them: code1 of the step before now, code2 of now's. */
export function consecutivePair(secret: string): { code1: string; code2: string; step: number } {
  const step = currentStep();
  return { code1: codeForStep(secret, step - 1), code2: codeForStep(secret, step), step };
}
