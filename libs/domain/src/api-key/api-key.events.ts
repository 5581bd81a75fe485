import { Instant } from '../shared/types';

export const API_KEY_ROLES = ['auditor', 'integrator', 'admin'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

/** An API key lives in `apikey-<keyId>`; only a hash of its secret part is ever stored. */
export type ApiKeyCreated = {
  type: 'ApiKeyCreated';
  data: { keyId: string; name: string; role: ApiKeyRole; secretHash: string; at: Instant };
};
export type ApiKeyEvent = ApiKeyCreated;
