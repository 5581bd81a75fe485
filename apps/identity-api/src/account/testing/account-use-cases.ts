import { Global, Module } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Test, TestingModule } from '@nestjs/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { EVENT_STORE, EventStore, InMemoryEventStore, InMemorySnapshotStore, SNAPSHOT_STORE } from '@identity/event-store';
import { CodeHasher, deriveKey, InMemoryKeyStore, PasswordHasher, RecoveryCodeHasher, SecretBox, SessionTokens } from '@identity/security';
import { FixedClock } from '@identity/testing';
import { PersonContext, RequestContext } from '../../auth/principal';
import { APP_CONFIG, loadConfig } from '@identity/config';
import { CODE_SENDER, CodeMessage, CodeSender } from '../../delivery/code-delivery.port';
import { apiErrorFor } from '../../graphql/api-error-mapping';
import { CLOCK } from '../../infrastructure/clock';
import { RateLimitsModule } from '../../rate-limits/rate-limits.module';
import { AccountModule } from '../account.module';
import { TOTP_QR_CODE } from '../begin-totp-binding/totp-qr-code';

/** What a test can do to the deliveries: read what was sent, or make the next sends fail. */
export class RecordingCodeSender implements CodeSender {
  readonly sent: CodeMessage[] = [];
  failing = false;

  async send(message: CodeMessage): Promise<void> {
    if (this.failing) throw new Error('the provider refused the message');
    this.sent.push(message);
  }

  /** The code of the last message sent for `purpose`. */
  lastCode(purpose: CodeMessage['purpose']): string {
    const message = [...this.sent].reverse().find((m) => m.purpose === purpose);
    if (!message) throw new Error(`no ${purpose} code was sent`);
    return message.code;
  }
}

export interface UseCaseOptions {
  /** LOCKOUT_THRESHOLD; default 5. */
  lockoutThreshold?: number;
  /** Wraps the in-memory store, e.g. to make it unavailable. */
  store?: (inner: InMemoryEventStore) => EventStore;
}

/** The write side in process: the account module's handlers over the in-memory store, a fixed clock, recorded deliveries. */
export interface UseCases {
  commands: CommandBus;
  store: InMemoryEventStore;
  clock: FixedClock;
  delivery: RecordingCodeSender;
  /** A provider of the module, e.g. to watch the PasswordHasher. */
  get<T>(token: abstract new (...args: never[]) => T): T;
  close(): Promise<void>;
}

export async function startUseCases(options: UseCaseOptions = {}): Promise<UseCases> {
  const store = new InMemoryEventStore();
  const clock = new FixedClock('2026-03-02T09:00:10.000Z');
  const delivery = new RecordingCodeSender();
  const masterKey = randomBytes(32);
  // The use cases' own refusals are under test here, not the per-address rate limits (their specs and
  // e2e suites are in rate-limits/): every window is wide enough for a spec's burst from one address.
  const generous = Object.fromEntries(
    [
      'RATE_LIMIT_ATTEMPTS_PER_ACCOUNT',
      'RATE_LIMIT_CODE_SENDS_PER_ACCOUNT',
      'RATE_LIMIT_CODE_SENDS_PER_ADDRESS',
      'RATE_LIMIT_LOGON_PER_ADDRESS',
      'RATE_LIMIT_REGISTRATION_PER_ADDRESS',
      'RATE_LIMIT_VERIFICATION_PER_ADDRESS',
    ].map((name) => [name, '100000/60']),
  );
  const config = loadConfig({ ...generous, LOCKOUT_THRESHOLD: String(options.lockoutThreshold ?? 5), TOTP_ISSUER: 'Use cases' });

  @Global()
  @Module({
    providers: [
      { provide: APP_CONFIG, useValue: config },
      { provide: CLOCK, useValue: clock },
      { provide: EVENT_STORE, useValue: options.store ? options.store(store) : store },
      { provide: SNAPSHOT_STORE, useValue: new InMemorySnapshotStore() },
      { provide: CODE_SENDER, useValue: delivery },
      { provide: SecretBox, useValue: new SecretBox(masterKey, new InMemoryKeyStore()) },
      { provide: PasswordHasher, useValue: new PasswordHasher() },
      { provide: CodeHasher, useValue: new CodeHasher(deriveKey(masterKey, 'verification-codes')) },
      { provide: RecoveryCodeHasher, useValue: new RecoveryCodeHasher(deriveKey(masterKey, 'recovery-codes')) },
      { provide: SessionTokens, useValue: new SessionTokens(deriveKey(masterKey, 'session-tokens')) },
    ],
    exports: [
      APP_CONFIG,
      CLOCK,
      EVENT_STORE,
      SNAPSHOT_STORE,
      CODE_SENDER,
      SecretBox,
      PasswordHasher,
      CodeHasher,
      RecoveryCodeHasher,
      SessionTokens,
    ],
  })
  class UseCaseInfrastructure {}

  const module: TestingModule = await Test.createTestingModule({ imports: [UseCaseInfrastructure, RateLimitsModule, AccountModule] })
    .overrideProvider(TOTP_QR_CODE)
    .useValue(async (uri: string) => `data:text/plain,${encodeURIComponent(uri)}`) // no PNG work
    .compile();
  await module.init();
  return {
    commands: module.get(CommandBus),
    store,
    clock,
    delivery,
    get: (token) => module.get(token),
    close: () => module.close(),
  };
}

const meta = () => ({ correlationId: randomUUID(), ip: '203.0.113.7', userAgent: 'use-case-spec' });

/** A request nobody signed in for (registerAccount, login, completeLogin). */
export const anonymous = (): RequestContext => ({ principal: null, meta: meta() });

/** The types of the events recorded on the account's stream, in order. */
export async function eventTypesOf(uc: UseCases, accountId: string): Promise<string[]> {
  return (await uc.store.readStream(`account-${accountId}`)).map((e) => e.type);
}

/** A request whose principal the edge has already checked: the person of `accountId`. */
export const personOf = (accountId: string): PersonContext => ({
  principal: { kind: 'person', accountId, sessionId: randomUUID() },
  meta: meta(),
});

/**
 * What a client would see of a refused command: the contract's code and safe extensions, mapped
 * the way the API maps them. Fails when the command was not refused.
 */
export async function refusalOf(pending: Promise<unknown>): Promise<{ code: string; lockedUntil?: unknown; field?: unknown }> {
  const error = await pending.then(
    () => null,
    (thrown: unknown) => thrown ?? new Error('rejected without a reason'),
  );
  if (error === null) throw new Error('the command was not refused');
  const mapped = error instanceof GraphQLError ? error : apiErrorFor(error);
  if (!mapped) throw error;
  const { code, lockedUntil, field } = mapped.extensions;
  return { code: String(code), ...(lockedUntil === undefined ? {} : { lockedUntil }), ...(field === undefined ? {} : { field }) };
}
