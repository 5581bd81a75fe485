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

const changed = (name: string, input: string) =>
  `mutation ${name}($input: ${input}!) { ${name}(input: $input) { ramUser { ${RAM_USER_FIELDS} } } }`;

export const RAM_USER_DOCUMENTS = {
  createRamUser: changed('createRamUser', 'CreateRamUserInput'),
  updateRamUser: changed('updateRamUser', 'UpdateRamUserInput'),
  disableRamUser: changed('disableRamUser', 'DisableRamUserInput'),
  enableRamUser: changed('enableRamUser', 'EnableRamUserInput'),
  setRamUserPassword: changed('setRamUserPassword', 'SetRamUserPasswordInput'),
  deleteRamUser: 'mutation deleteRamUser($input: DeleteRamUserInput!) { deleteRamUser(input: $input) { accountId deleted } }',
  ramUsers: `query ramUsers($first: Int, $after: String, $filter: RamUsersFilterInput) {
    ramUsers(first: $first, after: $after, filter: $filter) { edges { cursor node { ${RAM_USER_FIELDS} } } pageInfo { hasNextPage endCursor } } }`,
} as const;
export type RamUserOperation = keyof typeof RAM_USER_DOCUMENTS;

/** With a session token (a person) or, as `{ apiKey }`, a machine's key. */
export function sendRamUserOperation(
  api: Api,
  operation: RamUserOperation,
  variables: Record<string, unknown>,
  credential?: string | { apiKey: string },
): Promise<GqlResponse> {
  const headers = credential === undefined ? {} : typeof credential === 'string' ? bearer(credential) : { 'x-api-key': credential.apiKey };
  return gql(api.graphqlUrl, RAM_USER_DOCUMENTS[operation], variables, headers);
}

/** The operation's payload field; fails with the whole answer when there are errors. */
export async function runRamUserOperation<T>(
  api: Api,
  operation: RamUserOperation,
  variables: Record<string, unknown>,
  token: string | { apiKey: string },
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

export interface RamUserPage {
  edges: { cursor: string; node: RamUser }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export const ramUsers = (
  api: Api,
  credential: string | { apiKey: string },
  variables: {
    first?: number;
    after?: string;
    filter?: { mfaBound?: boolean; status?: 'ACTIVE' | 'DISABLED'; primaryAccountId?: string };
  } = {},
) => runRamUserOperation<RamUserPage>(api, 'ramUsers', variables, credential);

/** One of the primary's RAM-user mutations on `accountId` (plus `input`): the user as it left it. */
export async function changeRamUser(
  api: Api,
  token: string,
  operation: 'updateRamUser' | 'disableRamUser' | 'enableRamUser' | 'setRamUserPassword',
  input: Record<string, unknown>,
): Promise<RamUser> {
  return (await runRamUserOperation<{ ramUser: RamUser }>(api, operation, { input }, token)).ramUser;
}
