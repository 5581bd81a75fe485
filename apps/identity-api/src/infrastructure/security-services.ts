import { join } from 'node:path';
import {
  CodeHasher, deriveKey, KeyStore, loadMasterKey, PasswordHasher, SecretBox, SessionTokens, SqliteKeyStore,
} from '@identity/security';
import { AppConfig } from '@identity/config';

/** The service's cryptographic tools, all keyed from the one master key. */
export interface SecurityServices {
  keyStore: KeyStore;
  secretBox: SecretBox;
  passwordHasher: PasswordHasher;
  codeHasher: CodeHasher;
  sessionTokens: SessionTokens;
}

export function createSecurityServices(config: AppConfig, warn: (message: string) => void): SecurityServices {
  const masterKey = loadMasterKey({ envValue: config.masterKey ?? undefined, dataDir: config.dataDir, warn });
  const keyStore = new SqliteKeyStore(join(config.dataDir, 'keys.db'));
  return {
    keyStore,
    secretBox: new SecretBox(masterKey, keyStore),
    passwordHasher: new PasswordHasher(),
    codeHasher: new CodeHasher(deriveKey(masterKey, 'verification-codes')),
    sessionTokens: new SessionTokens(deriveKey(masterKey, 'session-tokens'), config.sessionTtlSeconds),
  };
}
