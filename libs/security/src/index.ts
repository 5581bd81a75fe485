// @identity/security: TOTP, QR codes, password hashing, envelope encryption, one-time codes,
// session tokens, API keys and masking. node:crypto underneath; no secret is ever logged.
export { TOTP_ALGORITHM, TOTP_DIGITS, TOTP_PERIOD_SECONDS, totpCodeAt, totpStepAt } from './totp/totp-code.generator';
export { generateTotpSecret, totpKeyUri, type TotpKeyUriInput } from './totp/totp-secret.generator';
export { matchConsecutiveTotpSteps, matchTotpStep, type TotpMatchInput, type TotpPairMatchInput } from './totp/totp-step.matcher';
export { renderQrDataUrl } from './qr/qr-code.renderer';
export { PASSWORD_HASH_OPTIONS, PasswordHasher } from './passwords/password-hasher';
export { loadMasterKey, MASTER_KEY_ENV, parseMasterKey, type LoadMasterKeyOptions } from './encryption/master-key.loader';
export type { KeyStore } from './encryption/key-store.port';
export { InMemoryKeyStore } from './encryption/in-memory-key-store';
export { SqliteKeyStore, type KeyRewrap } from './encryption/sqlite-key-store';
export { derivationRootOf } from './encryption/derivation-root';
export { NEW_MASTER_KEY_ENV, rotateMasterKey, type MasterKeyRotation, type RotationOutcome } from './encryption/master-key-rotation';
export { SecretBox } from './encryption/secret-box';
export { RecordSeal } from './encryption/record-seal';
export { checkMasterKey, KeyCheckError, masterKeyCheckValue, type KeyCheckInput } from './encryption/key-check';
export { SecretBoxIntegrityError, SecretUnavailableError } from './encryption/secret-box.errors';
export { generateNumericCode } from './codes/numeric-code.generator';
export { CodeHasher } from './codes/code-hasher';
export { deriveKey } from './codes/key-derivation';
export { constantTimeEqual } from './codes/constant-time-equal';
export { SessionTokens, type IssuedSessionToken, type VerifiedSession } from './tokens/session-tokens';
export { generateApiKey, hashApiKeySecret, parseApiKey, type GeneratedApiKey } from './api-keys/api-key.generator';
export { maskPhone } from './masking/phone.masker';
export { maskEmail } from './masking/email.masker';
export {
  generateRecoveryCode,
  normalizeRecoveryCode,
  RecoveryCodeHasher,
  RECOVERY_CODE_ALPHABET,
  RECOVERY_CODE_INPUT,
  RECOVERY_CODES_PER_SET,
  type HashedRecoveryCode,
} from './recovery-codes/recovery-codes';
