import { Instant } from '../shared/types';

export const API_KEY_ROLES = ['auditor', 'integrator', 'admin'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

/**
 * An API key lives in `apikey-<keyId>`; only a hash of its secret part is ever stored.
 * `expiresAt`: from then on the key is refused (null: it never expires; stored events before it: null).
 */
export type ApiKeyCreated = {
  type: 'ApiKeyCreated';
  data: { keyId: string; name: string; role: ApiKeyRole; secretHash: string; expiresAt: Instant | null; at: Instant };
};
/** The key is refused from now on, for good. `by`: who revoked it (`cli`, `apikey:<keyId>`). */
export type ApiKeyRevoked = { type: 'ApiKeyRevoked'; data: { keyId: string; by: string; at: Instant } };
export type ApiKeyEvent = ApiKeyCreated | ApiKeyRevoked;
