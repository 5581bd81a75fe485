import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { AccountEvent, accountStream, addSeconds } from '@identity/domain';
import { chainNewEvents, NewEvent, SqliteEventStore } from '@identity/event-store';
import { CodeHasher, deriveKey, derivationRootOf, generateTotpSecret, RecoveryCodeHasher, SecretBox, totpCodeAt } from '@identity/security';
import { addressKeyOf } from '../../../apps/identity-api/src/account/address-key';
import { ChallengeIds } from '../../../apps/identity-api/src/account/login/challenge-id';
import { MemoryKeyStore, writeKeyStore } from './seeded-keys';

/** One logon waiting for its second factor: the challenge id the client holds and the authenticator's secret. */
export interface PendingChallenge {
  challengeId: string;
  /** The code the authenticator shows now (computed when the request is sent). */
  code(): string;
}

export interface SeededChallenges {
  /** IDENTITY_MASTER_KEY for the app that serves them. */
  masterKey: string;
  /** events.db and keys.db, to copy into the app's DATA_DIR (`seedFiles`). */
  files: string[];
  challenges: PendingChallenge[];
}

/**
 * `count` TOTP-protected accounts, each with one logon past its password step (a live TOTP
 * challenge), written into a fresh store in `dir` as the service writes them: the history a client
 * leaves by register, enableProtection, verifyIdentity, beginTotpBinding, bindTotp (recovery codes
 * included) and login, chained like handleCommand chains, the secrets encrypted under the account's
 * own key, and the challenge ids signed with the master key. Built directly because the API would
 * need one argon2 hash and one argon2 verify per account (minutes for thousands); a code is spent
 * once per time step, so every completeLogin needs an account of its own.
 */
export async function seedPendingChallenges(dir: string, count: number): Promise<SeededChallenges> {
  const masterKey = randomBytes(32);
  const keys = new MemoryKeyStore();
  const box = new SecretBox(masterKey, keys);
  const root = derivationRootOf(masterKey, keys); // the master key itself: no rotation in a fresh store
  const codes = new CodeHasher(deriveKey(root, 'verification-codes'));
  const recovery = new RecoveryCodeHasher(deriveKey(root, 'recovery-codes'));
  const challengeIds = new ChallengeIds(codes);
  const store = new SqliteEventStore({ filePath: join(dir, 'events.db') });
  const addressKey = addressKeyOf(codes, '127.0.0.1');
  const challenges: PendingChallenge[] = [];
  const appends: Array<() => Promise<unknown>> = [];
  for (let i = 0; i < count; i += 1) {
    const accountId = randomUUID();
    const challengeId = randomUUID();
    const secret = generateTotpSecret();
    const events = protectedAccountWithChallenge({
      accountId,
      loginName: `benchmfa${i}`,
      encryptedSecret: box.encrypt(accountId, secret),
      challengeId,
      addressKey,
      recoveryCodes: recovery.generateSet().hashes,
    });
    const streamId = accountStream(accountId);
    const fresh: NewEvent[] = events.map((event) => ({
      id: randomUUID(),
      type: event.type,
      data: event.data as unknown as NewEvent['data'],
      metadata: { correlationId: randomUUID(), causationId: null, actor: `account:${accountId}`, ip: '127.0.0.1', userAgent: 'bench/1.0' },
    }));
    appends.push(() => store.appendToStream(streamId, chainNewEvents(streamId, null, fresh, new Date().toISOString()), 'no_stream'));
    challenges.push({ challengeId: challengeIds.encode(accountId, challengeId), code: () => totpCodeAt(secret, new Date()) });
  }
  for (let i = 0; i < appends.length; i += 32) await Promise.all(appends.slice(i, i + 32).map((append) => append()));
  await store.close();
  writeKeyStore(join(dir, 'keys.db'), masterKey, keys);
  return { masterKey: masterKey.toString('base64'), files: [join(dir, 'events.db'), join(dir, 'keys.db')], challenges };
}

interface SeedAccount {
  accountId: string;
  loginName: string;
  encryptedSecret: string;
  challengeId: string;
  addressKey: string;
  recoveryCodes: Array<{ salt: string; hash: string }>;
}

function protectedAccountWithChallenge(seed: SeedAccount): AccountEvent[] {
  const { accountId, loginName, encryptedSecret, challengeId, addressKey } = seed;
  const now = new Date().toISOString();
  const verificationId = randomUUID();
  const enrollmentId = randomUUID();
  const boundStep = Math.floor(Date.now() / 30_000) - 20; // bound ten minutes ago: today's codes are unspent
  return [
    {
      type: 'AccountRegistered',
      data: {
        accountId,
        loginName,
        passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$bench$bench',
        email: null,
        maskedEmail: null,
        phone: null,
        maskedPhone: null,
        primaryAccountId: null,
        at: now,
      },
    },
    {
      type: 'IdentityVerificationStarted',
      data: {
        verificationId,
        purpose: 'ENABLE_PROTECTION',
        channel: 'SMS',
        maskedDestination: '+1******4567',
        codeHash: randomBytes(32).toString('hex'),
        expiresAt: addSeconds(now, 300),
        scenes: ['LOGON'],
        method: 'TOTP',
        at: now,
      },
    },
    { type: 'IdentityVerified', data: { verificationId, validUntil: addSeconds(now, 600), at: now } },
    {
      type: 'TotpEnrollmentStarted',
      data: {
        enrollmentId,
        verificationId,
        scenes: ['LOGON'],
        secret: encryptedSecret,
        expiresAt: addSeconds(now, 600),
        name: 'Authenticator',
        purpose: 'ENABLE_PROTECTION',
        at: now,
      },
    },
    {
      type: 'TotpCodeAccepted',
      data: { authenticatorId: enrollmentId, timeStep: boundStep, purpose: 'BIND', reference: enrollmentId, at: now },
    },
    { type: 'TotpBound', data: { authenticatorId: enrollmentId, secret: encryptedSecret, name: 'Authenticator', at: now } },
    { type: 'ProtectionEnabled', data: { scenes: ['LOGON'], method: 'TOTP', verificationId, at: now } },
    {
      type: 'RecoveryCodesGenerated',
      data: { setId: randomUUID(), codes: seed.recoveryCodes, reason: 'PROTECTION_ENABLED', at: now },
    },
    {
      type: 'MfaChallengeIssued',
      data: { challengeId, method: 'TOTP', codeHash: null, expiresAt: addSeconds(now, 300), addressKey, maxAttempts: 3, at: now },
    },
  ];
}
