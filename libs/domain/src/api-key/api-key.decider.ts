import { DomainError, invalidRequest } from '../shared/domain-error';
import { isBefore } from '../shared/time';
import { Instant } from '../shared/types';
import { API_KEY_ROLES, ApiKeyEvent, ApiKeyRole } from './api-key.events';
import { decodeApiKeyEvent } from './api-key.registry';

export * from './api-key.events';

/** `expiresAt`: null (or absent) for a key that never expires; it must lie after `now`. */
export interface CreateApiKey {
  type: 'CreateApiKey';
  keyId: string;
  name: string;
  role: ApiKeyRole;
  secretHash: string;
  expiresAt?: Instant | null;
  now: Instant;
}
/** `by`: who revokes it (`cli`, `apikey:<keyId>`). Revoking a revoked key records nothing. */
export interface RevokeApiKey {
  type: 'RevokeApiKey';
  keyId: string;
  by: string;
  now: Instant;
}
export type ApiKeyCommand = CreateApiKey | RevokeApiKey;

export interface ApiKeyState {
  exists: boolean;
  keyId: string | null;
  name: string | null;
  role: ApiKeyRole | null;
  secretHash: string | null;
  createdAt: Instant | null;
  expiresAt: Instant | null;
  revokedAt: Instant | null;
}

export type ApiKeyStatus = 'ACTIVE' | 'EXPIRED' | 'REVOKED';

/** What a key is at `now`: revoked for good, past its expiry, or usable. */
export function apiKeyStatus(state: ApiKeyState, now: Instant): ApiKeyStatus {
  if (state.revokedAt !== null) return 'REVOKED';
  if (state.expiresAt !== null && !isBefore(now, state.expiresAt)) return 'EXPIRED';
  return 'ACTIVE';
}

/** Whether a presented key of this state may authenticate at `now` (its secret is checked apart). */
export function apiKeyUsable(state: ApiKeyState, now: Instant): boolean {
  return state.exists && apiKeyStatus(state, now) === 'ACTIVE';
}

export function evolveApiKey(state: ApiKeyState, event: ApiKeyEvent): ApiKeyState {
  switch (event.type) {
    case 'ApiKeyCreated': {
      const d = event.data;
      return {
        ...state,
        exists: true,
        keyId: d.keyId,
        name: d.name,
        role: d.role,
        secretHash: d.secretHash,
        createdAt: d.at,
        expiresAt: d.expiresAt,
      };
    }
    case 'ApiKeyRevoked':
      return { ...state, revokedAt: state.revokedAt ?? event.data.at };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

export const initialApiKeyState = (): ApiKeyState => ({
  exists: false,
  keyId: null,
  name: null,
  role: null,
  secretHash: null,
  createdAt: null,
  expiresAt: null,
  revokedAt: null,
});

export const apiKeyDecider = {
  decode: decodeApiKeyEvent,
  initialState: initialApiKeyState,
  evolve: evolveApiKey,
  decide(command: ApiKeyCommand, state: ApiKeyState): ApiKeyEvent[] {
    switch (command.type) {
      case 'CreateApiKey':
        return decideCreate(command, state);
      case 'RevokeApiKey':
        if (!state.exists) throw new DomainError('API_KEY_NOT_FOUND', 'keyId: no API key with this id', 'keyId');
        if (state.revokedAt !== null) return [];
        return [{ type: 'ApiKeyRevoked', data: { keyId: command.keyId, by: command.by, at: command.now } }];
      default: {
        const unknown: never = command;
        return unknown;
      }
    }
  },
};

function decideCreate(command: CreateApiKey, state: ApiKeyState): ApiKeyEvent[] {
  if (state.exists) throw new DomainError('API_KEY_EXISTS', 'an API key with this id exists');
  if (!API_KEY_ROLES.includes(command.role)) throw invalidRequest('role', `one of ${API_KEY_ROLES.join(', ')}`);
  const expiresAt = command.expiresAt ?? null;
  if (expiresAt !== null && !isBefore(command.now, expiresAt)) throw invalidRequest('expiresAt', 'must lie in the future');
  const { keyId, name, role, secretHash, now } = command;
  return [{ type: 'ApiKeyCreated', data: { keyId, name, role, secretHash, expiresAt, at: now } }];
}
