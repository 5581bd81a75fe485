import { Inject, Injectable } from '@nestjs/common';
import { AccountState, ApiKeyState, apiKeyUsable, liveSession } from '@identity/domain';
import { EVENT_STORE, EventStore, EventStoreUnavailableError, SNAPSHOT_STORE, SnapshotStore } from '@identity/event-store';
import { loadApiKey } from '@identity/read-models';
import { constantTimeEqual, hashApiKeySecret, parseApiKey, SessionTokens } from '@identity/security';
import { loadAccountState } from '../infrastructure/account-state';
import { CLOCK, Clock } from '../infrastructure/clock';
import { SessionActivity } from './session-activity';
import { Principal } from './principal';

const MAX_REMEMBERED_ACCOUNTS = 10_000;

/**
 * How long a key's state read from its stream is trusted before it is read again: a key revoked by
 * the CLI (another process) or on another instance is refused at most this long after.
 */
export const API_KEY_RECHECK_MS = 500;
const MAX_CACHED_KEYS = 10_000;

/**
 * Turns credentials into a principal: a signed, short-lived session token whose session is live in
 * the account's state (docs/adr/0006-sessions.md), for a person; or an API key that is neither
 * revoked nor expired, for a machine. Invalid credentials give no principal, so every operation that
 * needs one answers UNAUTHENTICATED; public operations (register, login) work as for anyone.
 */
@Injectable()
export class Authenticator {
  private readonly knownKeys = new Map<string, { state: ApiKeyState; readAt: number }>();
  /** The sessions of each account as this process last read them, for while the event store is unreachable. */
  private readonly lastKnownSessions = new Map<string, AccountState['sessions']>();

  constructor(
    private readonly sessionTokens: SessionTokens,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SNAPSHOT_STORE) private readonly snapshots: SnapshotStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly activity: SessionActivity,
  ) {}

  async authenticate(credentials: { bearer: string | null; apiKey: string | null }): Promise<Principal | null> {
    if (credentials.bearer) return this.person(credentials.bearer);
    if (credentials.apiKey) return this.machine(credentials.apiKey);
    return null;
  }

  /**
   * The token's signature and expiry first (no I/O), then its session in the account's current
   * state: the snapshot in memory and the events after it, read from the store on every request, so
   * a session another instance ended is refused on the next request here.
   */
  private async person(token: string): Promise<Principal | null> {
    const now = this.clock.now();
    const session = this.sessionTokens.verify(token, now);
    if (!session) return null;
    const sessions = await this.sessionsOf(session.accountId);
    if (!sessions || !liveSession({ sessions }, session.sessionId, now.toISOString())) return null;
    this.activity.seen(session.sessionId, now);
    return { kind: 'person', accountId: session.accountId, sessionId: session.sessionId };
  }

  /**
   * The account's sessions, read from the store. While the store cannot be reached, no session can
   * be ended either (ending one is an append to it): the last sessions this process read stand in,
   * so reads keep working through an outage; an account not read before is refused.
   */
  private async sessionsOf(accountId: string): Promise<AccountState['sessions'] | null> {
    try {
      const state = await loadAccountState(this.store, this.snapshots, accountId);
      const sessions = state.erased ? {} : state.sessions; // an erased account has no session left
      this.lastKnownSessions.delete(accountId);
      if (this.lastKnownSessions.size >= MAX_REMEMBERED_ACCOUNTS) this.lastKnownSessions.clear();
      this.lastKnownSessions.set(accountId, sessions);
      return sessions;
    } catch (error) {
      if (error instanceof EventStoreUnavailableError) return this.lastKnownSessions.get(accountId) ?? null;
      throw error;
    }
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
