import { Inject, Injectable } from '@nestjs/common';
import { ApiKeyState, apiKeyUsable } from '@identity/domain';
import { EVENT_STORE, EventStore } from '@identity/event-store';
import { loadApiKey } from '@identity/read-models';
import { constantTimeEqual, hashApiKeySecret, parseApiKey, SessionTokens } from '@identity/security';
import { CLOCK, Clock } from '../infrastructure/clock';
import { Principal } from './principal';

/**
 * How long a key's state read from its stream is trusted before it is read again: a key revoked by
 * the CLI (another process) or on another instance is refused at most this long after.
 */
export const API_KEY_RECHECK_MS = 500;
const MAX_CACHED_KEYS = 10_000;

/**
 * Turns credentials into a principal: a signed, short-lived session token for a person, or an API
 * key for a machine. Invalid credentials give no principal, so every operation that needs one answers
 * UNAUTHENTICATED; public operations (register, login) work as for anyone.
 */
@Injectable()
export class Authenticator {
  private readonly knownKeys = new Map<string, { state: ApiKeyState; readAt: number }>();

  constructor(
    private readonly sessionTokens: SessionTokens,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async authenticate(credentials: { bearer: string | null; apiKey: string | null }): Promise<Principal | null> {
    if (credentials.bearer) return this.person(credentials.bearer);
    if (credentials.apiKey) return this.machine(credentials.apiKey);
    return null;
  }

  private person(token: string): Principal | null {
    const session = this.sessionTokens.verify(token, this.clock.now());
    if (!session) return null;
    return { kind: 'person', accountId: session.accountId, sessionId: session.sessionId };
  }

  private async machine(key: string): Promise<Principal | null> {
    const parsed = parseApiKey(key);
    if (!parsed) return null;
    const state = await this.apiKey(parsed.keyId);
    const presented = hashApiKeySecret(parsed.secret);
    if (!state.secretHash || !state.role || !constantTimeEqual(state.secretHash, presented)) return null;
    // Revocation and expiry, against the clock on every request.
    if (!apiKeyUsable(state, this.clock.now().toISOString())) return null;
    return { kind: 'machine', keyId: parsed.keyId, name: state.name ?? '', role: state.role };
  }

  /** Forgets a key's state at once (this instance revoked it); other instances see it within API_KEY_RECHECK_MS. */
  forget(keyId: string): void {
    this.knownKeys.delete(keyId);
  }

  /**
   * An API key's recorded state, from memory when it was read from its stream less than
   * API_KEY_RECHECK_MS ago (one stream read per key and interval, however many requests); unknown
   * ids are read each time (a key may be created by the CLI while the server runs). While the store
   * cannot be read, a key read before keeps its last state.
   */
  private async apiKey(keyId: string): Promise<ApiKeyState> {
    const now = this.clock.now().getTime();
    const known = this.knownKeys.get(keyId);
    if (known && now - known.readAt < API_KEY_RECHECK_MS && now >= known.readAt) return known.state;
    let state: ApiKeyState;
    try {
      state = await loadApiKey(this.store, keyId);
    } catch (error) {
      // The store is down: nobody can revoke a key meanwhile either, so the last state read stands
      // (queries on the read models keep working for machines); it is read again on the next request.
      if (known) return known.state;
      throw error;
    }
    if (state.exists && (known || this.knownKeys.size < MAX_CACHED_KEYS)) this.knownKeys.set(keyId, { state, readAt: now });
    return state;
  }
}
