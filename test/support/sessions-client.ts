import { Api } from './flow';
import { bearer, gql, GqlResponse } from './graphql-client';

/** The session operations of issue 10 (docs/api.md, "Sessions" and "Step-up"), as a client sends them. */
export interface SessionInfo {
  sessionId: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  clientAddress: string | null;
  userAgent: string | null;
  provenBy: 'PASSWORD' | 'TOTP' | 'SMS' | 'EMAIL' | 'RECOVERY_CODE';
  provenByAuthenticatorId: string | null;
  secondFactorAt: string | null;
  secondFactorMethod: string | null;
  current: boolean;
}

const SESSION_FIELDS =
  'sessionId createdAt lastSeenAt expiresAt clientAddress userAgent provenBy provenByAuthenticatorId secondFactorAt secondFactorMethod current';

export const SESSION_DOCUMENTS = {
  logout: 'mutation logout { logout }',
  sessions: `query sessions { sessions { ${SESSION_FIELDS} } }`,
  revokeSession: 'mutation revokeSession($input: RevokeSessionInput!) { revokeSession(input: $input) }',
  revokeOtherSessions: 'mutation revokeOtherSessions { revokeOtherSessions }',
  stepUp: 'mutation stepUp($input: StepUpInput!) { stepUp(input: $input) { steppedUpAt validUntil } }',
} as const;

/** Sends one of them with the session's token (and any further headers, e.g. a User-Agent). */
export function sendSessionOperation(
  api: Api,
  operation: keyof typeof SESSION_DOCUMENTS,
  token: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GqlResponse> {
  return gql(api.graphqlUrl, SESSION_DOCUMENTS[operation], variables, { ...bearer(token), ...headers });
}

async function data<T>(response: Promise<GqlResponse>, field: string): Promise<T> {
  const answer = await response;
  const value = answer.body.data?.[field];
  if (answer.body.errors?.length || value === undefined)
    throw new Error(`${field} failed (HTTP ${answer.status}): ${answer.text.slice(0, 800)}`);
  return value as T;
}

export const logout = (api: Api, token: string) => data<boolean>(sendSessionOperation(api, 'logout', token), 'logout');
export const sessions = (api: Api, token: string) => data<SessionInfo[]>(sendSessionOperation(api, 'sessions', token), 'sessions');
export const revokeSession = (api: Api, token: string, sessionId: string) =>
  data<boolean>(sendSessionOperation(api, 'revokeSession', token, { input: { sessionId } }), 'revokeSession');
export const revokeOtherSessions = (api: Api, token: string) =>
  data<number>(sendSessionOperation(api, 'revokeOtherSessions', token), 'revokeOtherSessions');
export const stepUp = (api: Api, token: string, code: string) =>
  data<{ steppedUpAt: string; validUntil: string }>(sendSessionOperation(api, 'stepUp', token, { input: { code } }), 'stepUp');
