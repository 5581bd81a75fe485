import { Encrypted, Instant } from '../../shared/types';

/**
 * Commands a primary account gives to one of its RAM users' account streams. The handler has
 * already checked the primary account itself (not a RAM user, step-up: ram-user-management.ts);
 * each decide checks that the target's primary is `primaryAccountId`.
 */
export interface CreateRamUser {
  type: 'CreateRamUser';
  now: Instant;
  accountId: string;
  primaryAccountId: string;
  /** The whole name, `name@alias` (docs/ram-users.md). */
  loginName: string;
  passwordHash: string;
  email: Encrypted | null;
  maskedEmail: string | null;
  phone: Encrypted | null;
  maskedPhone: string | null;
  displayName: string;
  mfaRequired: boolean;
  passwordResetRequired: boolean;
}
/** Absent fields stay as they are. */
export interface UpdateRamUser {
  type: 'UpdateRamUser';
  now: Instant;
  primaryAccountId: string;
  displayName?: string;
  mfaRequired?: boolean;
  passwordResetRequired?: boolean;
}
export interface DisableRamUser {
  type: 'DisableRamUser';
  now: Instant;
  primaryAccountId: string;
  reason: 'PRIMARY' | 'PRIMARY_ERASED';
}
export interface EnableRamUser {
  type: 'EnableRamUser';
  now: Instant;
  primaryAccountId: string;
}
/** A new password chosen by the primary; `passwordResetRequired`: the user must replace it at the next logon. */
export interface SetRamUserPassword {
  type: 'SetRamUserPassword';
  now: Instant;
  primaryAccountId: string;
  passwordHash: string;
  passwordResetRequired: boolean;
}
/** deleteRamUser, or the primary's erasure: the user's sessions end and the account is erased. */
export interface EraseRamUser {
  type: 'EraseRamUser';
  now: Instant;
  primaryAccountId: string;
}

export type RamUserCommand = CreateRamUser | UpdateRamUser | DisableRamUser | EnableRamUser | SetRamUserPassword | EraseRamUser;
