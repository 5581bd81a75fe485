import { randomBytes } from 'node:crypto';
import { Api, SECURITY_FIELDS } from './flow';
import { bearer, gql, GqlResponse } from './graphql-client';

/** The RAM-user operations of issue 11 (docs/api.md, "RAM users"), as a client sends them. */
export interface RamUser {
  accountId: string;
  loginName: string;
  displayName: string;
  status: 'ACTIVE' | 'DISABLED';
  mfaRequired: boolean;
  passwordResetRequired: boolean;
  security: { accountId: string; totpBound: boolean; protectionEnabled: boolean };
  lastLoginAt: string | null;
}

export const RAM_USER_FIELDS = `accountId loginName displayName status mfaRequired passwordResetRequired lastLoginAt security { ${SECURITY_FIELDS} }`;

export const RAM_USER_DOCUMENTS = {
  createRamUser: `mutation createRamUser($input: CreateRamUserInput!) { createRamUser(input: $input) { ramUser { ${RAM_USER_FIELDS} } } }`,
} as const;
export type RamUserOperation = keyof typeof RAM_USER_DOCUMENTS;

export function sendRamUserOperation(
  api: Api,
  operation: RamUserOperation,
  variables: Record<string, unknown>,
  token?: string,
): Promise<GqlResponse> {
  return gql(api.graphqlUrl, RAM_USER_DOCUMENTS[operation], variables, token ? bearer(token) : {});
}

/** The operation's payload field; fails with the whole answer when there are errors. */
export async function runRamUserOperation<T>(
  api: Api,
  operation: RamUserOperation,
  variables: Record<string, unknown>,
  token: string,
): Promise<T> {
  const response = await sendRamUserOperation(api, operation, variables, token);
  const payload = response.body.data?.[operation];
  if (response.body.errors?.length || payload === undefined) {
    throw new Error(`${operation} failed (HTTP ${response.status}): ${response.text.slice(0, 1000)}`);
  }
  return payload as T;
}

export interface NewRamUser {
  loginName: string;
  password: string;
  displayName?: string;
  email?: string;
  phone?: string;
  mfaRequired?: boolean;
  passwordResetRequired?: boolean;
}

export const newRamUserPassword = (): string => `Ram-${randomBytes(6).toString('base64url')}-user-pass`;

/** createRamUser by the primary whose session `token` is: the new user. */
export async function createRamUser(api: Api, token: string, input: NewRamUser): Promise<RamUser> {
  return (await runRamUserOperation<{ ramUser: RamUser }>(api, 'createRamUser', { input }, token)).ramUser;
}
