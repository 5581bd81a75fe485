import { DomainError, invalidRequest } from '../shared/domain-error';
import { Instant } from '../shared/types';
import { API_KEY_ROLES, ApiKeyEvent, ApiKeyRole } from './api-key.events';
import { decodeApiKeyEvent } from './api-key.registry';

export * from './api-key.events';

export interface CreateApiKey {
  type: 'CreateApiKey';
  keyId: string;
  name: string;
  role: ApiKeyRole;
  secretHash: string;
  now: Instant;
}
export interface ApiKeyState {
  exists: boolean;
  name: string | null;
  role: ApiKeyRole | null;
  secretHash: string | null;
}

export const apiKeyDecider = {
  decode: decodeApiKeyEvent,
  initialState: (): ApiKeyState => ({ exists: false, name: null, role: null, secretHash: null }),
  evolve: (state: ApiKeyState, event: ApiKeyEvent): ApiKeyState => ({
    exists: true,
    name: event.data.name,
    role: event.data.role,
    secretHash: event.data.secretHash,
  }),
  decide(command: CreateApiKey, state: ApiKeyState): ApiKeyEvent[] {
    if (state.exists) throw new DomainError('API_KEY_EXISTS', 'an API key with this id exists');
    if (!API_KEY_ROLES.includes(command.role)) throw invalidRequest('role', `one of ${API_KEY_ROLES.join(', ')}`);
    const { type: _type, now, ...data } = command;
    return [{ type: 'ApiKeyCreated', data: { ...data, at: now } }];
  },
};
