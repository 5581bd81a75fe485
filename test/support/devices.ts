import { Api, login, run, send } from './flow';
import { GqlResponse } from './graphql-client';

/** What the recovery-code and device operations answer (DEVICE_FIELDS). */
export interface DeviceSecurity {
  protectionEnabled: boolean;
  method: string | null;
  totpBound: boolean;
  recoveryCodesRemaining: number;
  authenticators: { id: string; kind: 'TOTP'; name: string; lastUsedAt: string | null; driftSteps: number }[];
}

export const regenerateRecoveryCodes = (api: Api, token: string) =>
  run<{ recoveryCodes: string[]; security: DeviceSecurity }>(api, 'regenerateRecoveryCodes', {}, token);

export const renameAuthenticator = (api: Api, token: string, input: { authenticatorId: string; name: string }) =>
  run<DeviceSecurity>(api, 'renameAuthenticator', { input }, token);

export const removeAuthenticator = (
  api: Api,
  token: string,
  input: { authenticatorId: string; disableProtection?: boolean; code?: string },
): Promise<GqlResponse> => send(api, 'removeAuthenticator', { input }, token);

export const resyncTotp = (
  api: Api,
  token: string,
  input: { authenticatorId: string; code1: string; code2: string },
): Promise<GqlResponse> => send(api, 'resyncTotp', { input }, token);

/** The signed-in person's security as the read model shows it (DEVICE_FIELDS). */
export async function myDevices(api: Api, token: string): Promise<DeviceSecurity> {
  const response = await send(api, 'myDevices', {}, token);
  const me = response.body.data?.me as { security: DeviceSecurity } | null | undefined;
  if (response.body.errors?.length || !me) throw new Error(`me failed (HTTP ${response.status}): ${response.text.slice(0, 500)}`);
  return me.security;
}

/** login with the password, then completeLogin with `code` (a TOTP or recovery code): the raw answer. */
export async function logonWith(api: Api, account: { loginName: string; password: string }, code: string): Promise<GqlResponse> {
  const started = await login(api, { loginName: account.loginName, password: account.password });
  if (started.status !== 'MFA_REQUIRED' || !started.challenge)
    throw new Error(`login did not ask for a second factor: ${JSON.stringify(started)}`);
  return send(api, 'completeLogin', { input: { challengeId: started.challenge.challengeId, code } });
}

/** The session token of a logon answer, or a failure naming the answer. */
export function sessionOf(response: GqlResponse): string {
  const payload = response.body.data?.completeLogin as { status: string; session: { token: string } | null } | undefined;
  if (!payload?.session) throw new Error(`completeLogin did not succeed: ${response.text.slice(0, 500)}`);
  return payload.session.token;
}
