import { Encrypted, Instant, ProtectionScene, VerificationChannel, VerificationMethod } from '../shared/types';

/**
 * Commands carry facts, not secrets: the handler has already hashed the password, checked the TOTP
 * code against the decrypted secret (`matchedTimeStep`), hashed a submitted code, and read the clock.
 */
export interface SecurityPolicy {
  lockoutThreshold: number;
  lockoutSeconds: number;
  verificationCodeSeconds: number;
  verificationMaxAttempts: number;
  /** How long a successful identity verification may be used to bind an authenticator. */
  verifiedWindowSeconds: number;
  enrollmentSeconds: number;
  challengeSeconds: number;
}

export const DEFAULT_SECURITY_POLICY: SecurityPolicy = {
  lockoutThreshold: 5, lockoutSeconds: 900, verificationCodeSeconds: 300, verificationMaxAttempts: 5,
  verifiedWindowSeconds: 600, enrollmentSeconds: 600, challengeSeconds: 300,
};

export interface RegisterAccount {
  type: 'RegisterAccount'; now: Instant; accountId: string; loginName: string; passwordHash: string;
  email: Encrypted | null; maskedEmail: string | null; phone: Encrypted | null; maskedPhone: string | null;
  primaryAccountId: string | null;
}
/** Step 1 of a logon. `challengeCodeHash` is set when the account's protection sends a code (SMS/EMAIL). */
export interface Login {
  type: 'Login'; now: Instant; passwordValid: boolean; sessionId: string; challengeId: string;
  challengeCodeHash: string | null;
}
/** Step 2. `matchedTimeStep`: the TOTP step the code matched (null: none); `codeHash` for SMS/EMAIL challenges. */
export interface CompleteLogin {
  type: 'CompleteLogin'; now: Instant; challengeId: string; sessionId: string;
  matchedTimeStep: number | null; codeHash: string | null;
}
export interface EnableProtection {
  type: 'EnableProtection'; now: Instant; verificationId: string; scenes: ProtectionScene[];
  method: VerificationMethod; channel: VerificationChannel; codeHash: string;
}
export interface VerifyIdentity { type: 'VerifyIdentity'; now: Instant; verificationId: string; codeHash: string }
export interface BeginTotpBinding {
  type: 'BeginTotpBinding'; now: Instant; verificationId: string; enrollmentId: string; secret: Encrypted;
}
export interface BindTotp { type: 'BindTotp'; now: Instant; enrollmentId: string; matchedTimeStep: number | null }

/** Starts turning protection off: a code goes to the account's own phone or email (`codeHash` is its hash). */
export interface RequestProtectionDisable {
  type: 'RequestProtectionDisable'; now: Instant; verificationId: string; channel: VerificationChannel; codeHash: string;
}
/** Turns protection off with the code sent by RequestProtectionDisable (hashed by the handler). */
export interface DisableProtection { type: 'DisableProtection'; now: Instant; verificationId: string; codeHash: string }

export type AccountCommand =
  | RegisterAccount | Login | CompleteLogin | EnableProtection | VerifyIdentity | BeginTotpBinding | BindTotp
  | RequestProtectionDisable | DisableProtection;
