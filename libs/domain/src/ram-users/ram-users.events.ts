import { Instant } from '../shared/types';

/**
 * The membership of a primary account's RAM users, in the stream `ramusers-<primaryAccountId>`
 * (docs/adr/0008-ram-users.md). It lists who belongs; each user's own state (settings, disabled,
 * erased) is in its account stream.
 */
type Event<T extends string, D> = { type: T; data: D };

/** `loginName`: the whole name, `name@alias`. Appended before the user's AccountRegistered. */
export type RamUserAdded = Event<'RamUserAdded', { accountId: string; loginName: string; at: Instant }>;
/** `DELETED`: deleteRamUser; `PRIMARY_ERASED`: the primary account's erasure took it with it. */
export type RamUserRemoved = Event<'RamUserRemoved', { accountId: string; reason: RamUserRemovalReason; at: Instant }>;
export type RamUserRemovalReason = 'DELETED' | 'PRIMARY_ERASED';
export const RAM_USER_REMOVAL_REASONS = ['DELETED', 'PRIMARY_ERASED'] as const satisfies readonly RamUserRemovalReason[];
/** The primary account is being erased: no RAM user is added from now on. Appended before its users are erased. */
export type RamUsersClosed = Event<'RamUsersClosed', { at: Instant }>;

export type RamUsersEvent = RamUserAdded | RamUserRemoved | RamUsersClosed;
