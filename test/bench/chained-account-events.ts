import { randomBytes, randomUUID } from 'node:crypto';
import { accountStream } from '@identity/domain';
import { chainNewEvents, EventStore, HashedEvent, JsonObject, NewEvent } from '@identity/event-store';

export interface GenerateOptions {
  accounts: number;
  eventsPerAccount: number;
  /** Events per append (one stream per append). Default 25. */
  appendSize?: number;
  onProgress?: (events: number) => void;
}

export interface GeneratedEvents {
  events: number;
  streams: number;
  /** Secret values written into the events (hashes, encrypted boxes) of the first accounts: none may leave unredacted. */
  secrets: string[];
  accountIds: string[];
}

const START_MS = Date.parse('2025-01-01T00:00:00.000Z');

/**
 * Account streams with realistic events and valid audit chains, appended round-robin in chunks (so
 * streams interleave in `$all`), straight into a store: chained exactly as `handleCommand` chains.
 * Memory grows with the number of accounts only.
 */
export async function generateChainedAccountEvents(store: EventStore, options: GenerateOptions): Promise<GeneratedEvents> {
  const appendSize = options.appendSize ?? 25;
  const accountIds = Array.from({ length: options.accounts }, () => randomUUID());
  const last = new Map<string, HashedEvent>();
  const secrets: string[] = [];
  let events = 0;
  // Appends to distinct streams (one per stream per round) in flight together share a transaction (group commit): much faster to seed.
  let inFlight: Promise<unknown>[] = [];
  for (let offset = 0; offset < options.eventsPerAccount; offset += appendSize) {
    for (const [index, accountId] of accountIds.entries()) {
      const streamId = accountStream(accountId);
      const count = Math.min(appendSize, options.eventsPerAccount - offset);
      const fresh: NewEvent[] = Array.from({ length: count }, (_, i) => {
        const revision = offset + i;
        const event = accountEvent(accountId, revision, START_MS + revision * 60_000 + index);
        if (index < 20) secrets.push(...secretValues(event.data));
        return { id: randomUUID(), type: event.type, data: event.data, metadata: metadataFor(accountId) };
      });
      const previous = last.get(streamId) ?? null;
      const occurredAt = new Date(START_MS + offset * 60_000 + index).toISOString();
      const chained = chainNewEvents(streamId, previous, fresh, occurredAt);
      inFlight.push(store.appendToStream(streamId, chained, previous === null ? 'no_stream' : previous.revision));
      if (inFlight.length >= 256) {
        await Promise.all(inFlight);
        inFlight = [];
      }
      const tail = chained.at(-1);
      if (!tail) throw new Error(`${streamId}: chainNewEvents returned no events`);
      last.set(streamId, { ...tail, streamId, revision: BigInt(offset + count - 1) });
      const before = events;
      events += count;
      if (options.onProgress && Math.floor(events / 10_000) > Math.floor(before / 10_000)) options.onProgress(events);
    }
    // The next round appends to the same streams again: their appends must follow these ones.
    await Promise.all(inFlight);
    inFlight = [];
  }
  await Promise.all(inFlight);
  return { events, streams: accountIds.length, secrets, accountIds };
}

function metadataFor(accountId: string): NewEvent['metadata'] {
  return { correlationId: randomUUID(), causationId: null, actor: `account:${accountId}`, ip: '203.0.113.7', userAgent: 'bench/1.0' };
}

const secretText = (label: string) => `${label}${randomBytes(12).toString('hex')}`;

function secretValues(data: JsonObject): string[] {
  return ['passwordHash', 'email', 'phone', 'codeHash', 'secret']
    .map((key) => data[key])
    .filter((value): value is string => typeof value === 'string');
}

/** Revision 0 registers; then a repeating cycle of logons, failures, locks and protection. */
function accountEvent(accountId: string, revision: number, atMs: number): { type: string; data: JsonObject } {
  const at = new Date(atMs).toISOString();
  const later = (minutes: number) => new Date(atMs + minutes * 60_000).toISOString();
  if (revision === 0) {
    return {
      type: 'AccountRegistered',
      data: {
        accountId,
        loginName: `bench${accountId.slice(0, 8)}`,
        passwordHash: secretText('$argon2id$v=19$m=19456,t=2,p=1$'),
        email: secretText('enc:v1:email.'),
        maskedEmail: 'b***@example.test',
        phone: secretText('enc:v1:phone.'),
        maskedPhone: '+1******4567',
        primaryAccountId: null,
        at,
      },
    };
  }
  switch (revision % 8) {
    case 1:
      return { type: 'PasswordCheckFailed', data: { consecutiveFailures: 1, at } };
    case 2:
      return {
        type: 'MfaChallengeIssued',
        data: {
          challengeId: randomUUID(),
          method: 'SMS',
          codeHash: secretText('hmac-sha256:'),
          expiresAt: later(5),
          at,
        },
      };
    case 3:
      return { type: 'AccountLocked', data: { lockedUntil: later(15), consecutiveFailures: 5, at } };
    case 4:
      return { type: 'AccountUnlocked', data: { reason: 'LOCK_EXPIRED', lockedUntil: at, at } };
    case 5:
      return { type: 'ProtectionEnabled', data: { scenes: ['LOGON'], method: 'TOTP', verificationId: randomUUID(), at } };
    case 6:
      return { type: 'TotpBound', data: { authenticatorId: randomUUID(), secret: secretText('enc:v1:totp.'), at } };
    case 7:
      return { type: 'LoginSucceeded', data: { sessionId: randomUUID(), method: 'TOTP', challengeId: randomUUID(), at } };
    default:
      return { type: 'PasswordCheckFailed', data: { consecutiveFailures: 2, at } };
  }
}
