import { VerificationPurpose } from './account.events';
import { Encrypted, Instant, ProtectionScene, VerificationChannel, VerificationMethod } from '../shared/types';

export interface PendingVerification {
  purpose: VerificationPurpose;
  channel: VerificationChannel;
  codeHash: string;
  expiresAt: Instant;
  attempts: number;
  verifiedAt: Instant | null;
  scenes: ProtectionScene[];
  method: VerificationMethod;
}

export interface PendingEnrollment {
  verificationId: string; scenes: ProtectionScene[]; secret: Encrypted; expiresAt: Instant;
}

export interface LoginChallenge { method: VerificationMethod; codeHash: string | null; expiresAt: Instant; completed: boolean }

export interface BoundAuthenticator { authenticatorId: string; secret: Encrypted; boundAt: Instant }

export interface AccountState {
  exists: boolean;
  accountId: string | null;
  loginName: string | null;
  passwordHash: string | null;
  primaryAccountId: string | null;
  email: Encrypted | null;
  maskedEmail: string | null;
  phone: Encrypted | null;
  maskedPhone: string | null;
  protection: { enabled: boolean; scenes: ProtectionScene[]; method: VerificationMethod | null };
  totp: BoundAuthenticator | null;
  /** The highest TOTP time step accepted for the bound authenticator: its codes at or before it are spent. */
  lastAcceptedTimeStep: number | null;
  consecutiveFailures: number;
  lockedUntil: Instant | null;
  verifications: Record<string, PendingVerification>;
  enrollments: Record<string, PendingEnrollment>;
  challenges: Record<string, LoginChallenge>;
  updatedAt: Instant | null;
}

export function initialAccountState(): AccountState {
  return {
    exists: false, accountId: null, loginName: null, passwordHash: null, primaryAccountId: null,
    email: null, maskedEmail: null, phone: null, maskedPhone: null,
    protection: { enabled: false, scenes: [], method: null },
    totp: null, lastAcceptedTimeStep: null, consecutiveFailures: 0, lockedUntil: null,
    verifications: {}, enrollments: {}, challenges: {}, updatedAt: null,
  };
}
