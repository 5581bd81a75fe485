import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  AccountCommand,
  accountDecider,
  AccountEvent,
  AccountState,
  accountStream,
  DEFAULT_SECURITY_POLICY,
  loginNameDecider,
  loginNameStream,
} from '@identity/domain';
import { chainNewEventsAfter, ChainLink, NewEvent, SqliteEventStore } from '@identity/event-store';
import { CodeHasher, deriveKey, derivationRootOf, maskEmail, PasswordHasher, SecretBox, SessionTokens } from '@identity/security';
import { addressKeyOf } from '../../../apps/identity-api/src/account/address-key';
import { loginNameKey } from '../../../apps/identity-api/src/account/login-name-key';
import { loginSkeletonStream } from '../../../apps/identity-api/src/account/login-name-skeleton';
import { MemoryKeyStore, writeKeyStore } from './seeded-keys';

export const SEEDED_PASSWORD = 'lantern orbit mulberry quartz';
/** The app must run with this session lifetime, so that the seeded sessions are still live when the bench reads. */
export const SEEDED_SESSION_SECONDS = 24 * 3600;

export interface SeededAccounts {
  /** IDENTITY_MASTER_KEY for the app that serves them. */
  masterKey: string;
  /** events.db and keys.db, to copy into the app's DATA_DIR. */
  files: string[];
  events: number;
  loginNames: string[];
  /** Each account's latest session: a live one, for a session token. */
  sessions: Array<{ accountId: string; sessionId: string }>;
  /** Signs session tokens as the app does (its key derived from the same master key). */
  tokens: SessionTokens;
}

export interface SeedOptions {
  accounts: number;
  /** Password logons per account after its registration (each one LoginSucceeded, a session). */
  logonsPerAccount: number;
  onProgress?: (accounts: number) => void;
}

const metadataOf = () => ({ correlationId: randomUUID(), causationId: null, actor: null, ip: '127.0.0.1', userAgent: 'bench/1.0' });
const DAY_MS = 24 * 3600 * 1000;

/**
 * `accounts` accounts written into a fresh store in `dir` as the service leaves them after
 * registerAccount (with an email) and `logonsPerAccount` password logons each: the login name's
 * claim and its skeleton's claim in their own streams, the account's events decided by the
 * domain's own deciders from the commands the handlers build (one real argon2 hash of
 * SEEDED_PASSWORD for all, so the app can verify logons), each command's events chained as
 * handleCommand chains them at its own time, the email encrypted under the account's own key.
 * Built directly because the API would need an argon2 hash per registration and an argon2 verify
 * per logon (hours for 100,000 accounts). The read models are the caller's to build.
 */
export async function seedRegisteredAccounts(dir: string, options: SeedOptions): Promise<SeededAccounts> {
  const masterKey = randomBytes(32);
  const keys = new MemoryKeyStore();
  const box = new SecretBox(masterKey, keys);
  const root = derivationRootOf(masterKey, keys); // the master key itself: no rotation in a fresh store
  const addressKey = addressKeyOf(new CodeHasher(deriveKey(root, 'verification-codes')), '127.0.0.1');
  const passwordHash = await new PasswordHasher().hash(SEEDED_PASSWORD);
  const decider = accountDecider({ ...DEFAULT_SECURITY_POLICY, sessionSeconds: SEEDED_SESSION_SECONDS });
  const store = new SqliteEventStore({ filePath: join(dir, 'events.db') });
  const seeded: SeededAccounts = {
    masterKey: masterKey.toString('base64'),
    files: [join(dir, 'events.db'), join(dir, 'keys.db')],
    events: 0,
    loginNames: [],
    sessions: [],
    tokens: new SessionTokens(deriveKey(root, 'session-tokens'), SEEDED_SESSION_SECONDS),
  };
  const startMs = Date.now() - 7 * DAY_MS;
  let inFlight: Promise<unknown>[] = [];
  for (let i = 0; i < options.accounts; i += 1) {
    const accountId = randomUUID();
    const loginName = `benchuser${i}`;
    const email = `benchuser${i}@example.test`;
    // Registered within the last week; the logons after it, the last a minute ago (its session live).
    const registeredMs = startMs + Math.floor((i / options.accounts) * 6 * DAY_MS);
    const logonMs = (n: number) => registeredMs + Math.floor(((Date.now() - 60_000 - registeredMs) * (n + 1)) / options.logonsPerAccount);
    const register: AccountCommand = {
      type: 'RegisterAccount',
      now: new Date(registeredMs).toISOString(),
      accountId,
      loginName,
      passwordHash,
      primaryAccountId: null,
      email: box.encrypt(accountId, email),
      maskedEmail: maskEmail(email),
      phone: null,
      maskedPhone: null,
    };
    let state: AccountState = decider.initialState();
    let link: ChainLink | null = null;
    const accountEvents: NewEvent[] = [];
    let sessionId = '';
    const run = (command: AccountCommand) => {
      const events = decider.decide(command, state);
      state = events.reduce(decider.evolve, state);
      const chained = chainNewEventsAfter(accountStream(accountId), link, events.map(toNewEvent), command.now);
      const tail = chained.at(-1);
      if (tail) link = { revision: BigInt(accountEvents.length + chained.length - 1), hash: String(tail.metadata.hash) };
      accountEvents.push(...chained);
    };
    run(register);
    for (let n = 0; n < options.logonsPerAccount; n += 1) {
      sessionId = randomUUID();
      const now = new Date(logonMs(n)).toISOString();
      run({
        type: 'Login',
        now,
        addressKey,
        passwordValid: true,
        sessionId,
        challengeId: randomUUID(),
        challengeCodeHash: null,
        preference: state.securityPreference,
        enrollment: null,
        passwordChangeTicketId: null,
        rememberedDeviceTokenHash: null,
      });
    }
    const claimedAt = register.now;
    for (const streamId of [loginNameStream(loginNameKey(loginName)), loginSkeletonStream(loginName)]) {
      const claim = loginNameDecider.decide(
        { type: 'ClaimLoginName', loginName, accountId, now: claimedAt },
        loginNameDecider.initialState(),
      );
      inFlight.push(store.appendToStream(streamId, chainNewEventsAfter(streamId, null, claim.map(toNewEvent), claimedAt), 'no_stream'));
    }
    inFlight.push(store.appendToStream(accountStream(accountId), accountEvents, 'no_stream'));
    seeded.events += accountEvents.length + 2;
    seeded.loginNames.push(loginName);
    seeded.sessions.push({ accountId, sessionId });
    // Appends to distinct streams in flight together share a transaction (group commit).
    if (inFlight.length >= 300) {
      await Promise.all(inFlight);
      inFlight = [];
      options.onProgress?.(i + 1);
    }
  }
  await Promise.all(inFlight);
  await store.close();
  writeKeyStore(join(dir, 'keys.db'), masterKey, keys);
  return seeded;
}

function toNewEvent(event: AccountEvent | { type: string; data: object }): NewEvent {
  return { id: randomUUID(), type: event.type, data: event.data as unknown as NewEvent['data'], metadata: metadataOf() };
}
