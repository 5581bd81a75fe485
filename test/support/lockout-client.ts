import { DOCUMENTS, LoginPayload } from './flow';
import { errorCodes, gql, GqlError, GqlResponse } from './graphql-client';

/**
 * A client at one address, for suites whose app runs with TRUST_PROXY=1: every request carries
 * `X-Forwarded-For: <address>`, which the app takes as the client address (one trusted hop).
 */
export interface AddressedClient {
  readonly address: string;
  login(input: { loginName: string; password: string }): Promise<GqlResponse>;
  completeLogin(input: { challengeId: string; code: string }): Promise<GqlResponse>;
}

export function clientAt(graphqlUrl: string, address: string): AddressedClient {
  const headers = { 'x-forwarded-for': address };
  return {
    address,
    login: (input) => gql(graphqlUrl, DOCUMENTS.login, { input }, headers),
    completeLogin: (input) => gql(graphqlUrl, DOCUMENTS.completeLogin, { input }, headers),
  };
}

/** The payload of a logon step that succeeded; fails with the whole answer otherwise. */
export function payloadOf(response: GqlResponse, operation: 'login' | 'completeLogin'): LoginPayload {
  const payload = response.body.data?.[operation] as LoginPayload | undefined;
  if (response.body.errors?.length || !payload) throw new Error(`${operation} failed: ${response.text.slice(0, 500)}`);
  return payload;
}

/** The one error code of an answer ('OK' when it has none). */
export const codeOf = (response: GqlResponse): string => errorCodes(response).join(',') || 'OK';

export const firstError = (response: GqlResponse): GqlError | undefined => response.body.errors?.[0];

/** The settings every lockout suite raises: it fires many logons from few clients (rate limits are tested in rate-limits.e2e-spec.ts). */
export const GENEROUS_RATE_LIMITS = {
  RATE_LIMIT_LOGON_PER_ADDRESS: '100000/60',
  RATE_LIMIT_ATTEMPTS_PER_ACCOUNT: '100000/60',
  RATE_LIMIT_VERIFICATION_PER_ADDRESS: '100000/60',
  RATE_LIMIT_CODE_SENDS_PER_ADDRESS: '100000/60',
  RATE_LIMIT_CODE_SENDS_PER_ACCOUNT: '100000/60',
  RATE_LIMIT_REGISTRATION_PER_ADDRESS: '100000/60',
};
