import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EventStore } from '@identity/event-store';
import {
  checkMasterKey,
  CodeHasher,
  deriveKey,
  derivationRootOf,
  KeyStore,
  loadMasterKey,
  PasswordHasher,
  RecordSeal,
  RecoveryCodeHasher,
  SecretBox,
  SessionTokens,
  SqliteKeyStore,
} from '@identity/security';
import { AppConfig, createEventStore } from '@identity/config';

/** The service's cryptographic tools, all keyed from the one master key (derived keys from its derivation root). */
export interface SecurityServices {
  keyStore: KeyStore;
  secretBox: SecretBox;
  passwordHasher: PasswordHasher;
  codeHasher: CodeHasher;
  recoveryCodeHasher: RecoveryCodeHasher;
  sessionTokens: SessionTokens;
  /** Seals the answers kept for idempotency keys (idempotency/). */
  answerSeal: RecordSeal;
}

export function createSecurityServices(config: AppConfig, warn: (message: string) => void): SecurityServices {
  const masterKey = loadMasterKey({ envValue: config.masterKey ?? undefined, dataDir: config.dataDir, warn });
  const keyStore = new SqliteKeyStore(join(config.dataDir, 'keys.db'));
  const secretBox = new SecretBox(masterKey, keyStore);
  // The same root before and after a master key rotation (derivation-root.ts): no derived key changes.
  const root = derivationRootOf(masterKey, keyStore);
  return {
    keyStore,
    secretBox,
    passwordHasher: new PasswordHasher(),
    codeHasher: new CodeHasher(deriveKey(root, 'verification-codes')),
    recoveryCodeHasher: new RecoveryCodeHasher(deriveKey(root, 'recovery-codes')),
    sessionTokens: new SessionTokens(deriveKey(root, 'session-tokens'), config.sessionTtlSeconds),
    answerSeal: new RecordSeal(deriveKey(root, 'idempotent-answers')),
  };
}

/**
 * Before anything starts: the master key must be the one the stored account keys were wrapped with,
 * and keys.db must not be missing while events exist (see checkMasterKey in libs/security). Throws
 * KeyCheckError naming the variable or the file; opens and closes its own store connections.
 */
export async function checkKeysBeforeStart(config: AppConfig): Promise<void> {
  const masterKey = loadMasterKey({ envValue: config.masterKey ?? undefined, dataDir: config.dataDir, warn: () => undefined });
  const keyStoreFile = join(config.dataDir, 'keys.db');
  const keyStoreExisted = existsSync(keyStoreFile);
  const store = createEventStore(config);
  let storeHasEvents: boolean;
  try {
    storeHasEvents = await hasAnyEvent(store);
  } finally {
    await store.close();
  }
  const keyStore = new SqliteKeyStore(keyStoreFile);
  try {
    checkMasterKey({ masterKey, keyStore, secretBox: new SecretBox(masterKey, keyStore), keyStoreExisted, storeHasEvents });
  } finally {
    keyStore.close();
  }
}

async function hasAnyEvent(store: EventStore): Promise<boolean> {
  for await (const _event of store.readAll({ maxCount: 1 })) return true;
  return false;
}
