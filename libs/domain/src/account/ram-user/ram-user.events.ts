import { Instant } from '../../shared/types';

/**
 * Events of a RAM user's own account stream (docs/ram-users.md). The user's primary account is
 * `AccountRegistered.primaryAccountId`, fixed at creation; membership is in the primary's
 * `ramusers-<primaryId>` stream (libs/domain/src/ram-users).
 */
type Event<T extends string, D> = { type: T; data: D };

/**
 * What the primary account decided for this RAM user, all of it each time (at creation, and on every
 * updateRamUser / setRamUserPassword): its display name, whether its logon needs a second factor,
 * whether its next logon must choose a new password.
 */
export type RamUserSettingsChanged = Event<
  'RamUserSettingsChanged',
  { displayName: string; mfaRequired: boolean; passwordResetRequired: boolean; at: Instant }
>;
/**
 * The account may not log on until AccountEnabled: `PRIMARY` (disableRamUser) or `PRIMARY_ERASED`
 * (its primary account was erased; the user is erased right after). Its live sessions end with it.
 */
export type AccountDisabled = Event<'AccountDisabled', { reason: AccountDisabledReason; at: Instant }>;
export type AccountDisabledReason = 'PRIMARY' | 'PRIMARY_ERASED';
export const ACCOUNT_DISABLED_REASONS = ['PRIMARY', 'PRIMARY_ERASED'] as const satisfies readonly AccountDisabledReason[];
/** enableRamUser: the account logs on again. */
export type AccountEnabled = Event<'AccountEnabled', { at: Instant }>;

export type RamUserAccountEvent = RamUserSettingsChanged | AccountDisabled | AccountEnabled;
