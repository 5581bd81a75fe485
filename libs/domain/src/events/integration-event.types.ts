import { Instant, ProtectionScene, VerificationMethod } from '../shared/types';

/**
 * Integration events: what the service publishes to integrators (GraphQL subscriptions, webhooks).
 * They are a public contract of their own, separate from the internal domain events: a type is
 * versioned in its name (`….v1`) and never changes shape; a new shape is a new version. They carry
 * no secret, code, hash, phone number or email address.
 */
export const INTEGRATION_EVENT_TYPES = [
  'identity.mfa.enabled.v1',
  'identity.mfa.disabled.v1',
  'identity.protection.changed.v1',
  'identity.account.locked.v1',
  'identity.account.unlocked.v1',
  'identity.login.succeeded.v1',
  'identity.login.failed.v1',
  'identity.mfa.recovery_code.used.v1',
  'identity.mfa.recovery_codes.regenerated.v1',
  'identity.account.erased.v1',
] as const;
export type IntegrationEventType = (typeof INTEGRATION_EVENT_TYPES)[number];

/** The CloudEvents `source` of every integration event; `subject` is the account id. */
export const INTEGRATION_EVENT_SOURCE = '/identity/accounts';

export function isIntegrationEventType(value: string): value is IntegrationEventType {
  return (INTEGRATION_EVENT_TYPES as readonly string[]).includes(value);
}

export interface MfaEnabledData {
  accountId: string;
  method: VerificationMethod;
  scenes: ProtectionScene[];
}
export interface MfaDisabledData {
  accountId: string;
  method: VerificationMethod;
}
export interface ProtectionChangedData {
  accountId: string;
  protectionEnabled: boolean;
  method: VerificationMethod | null;
  scenes: ProtectionScene[];
  /** What was in force before: present when protection changed while it stayed on (`ProtectionChanged`). */
  previous?: { method: VerificationMethod; scenes: ProtectionScene[] };
}
/** The account is locked (for unknown addresses, or wholly after wrong codes); `lockedUntil` null: until an unlock. */
export interface AccountLockedData {
  accountId: string;
  lockedUntil: Instant | null;
  consecutiveFailures: number;
}
export interface AccountUnlockedData {
  accountId: string;
  reason: 'LOCK_EXPIRED' | 'ADMIN_RESET' | 'RECOVERED';
}
export interface LoginSucceededData {
  accountId: string;
  /** A logon with a recovery code says `TOTP` (the factor it stood in for); identity.mfa.recovery_code.used.v1 tells it apart. */
  method: 'PASSWORD' | VerificationMethod;
}
/** A recovery code was spent (`purpose`: what for); `remaining`: the unused codes left in the set. */
export interface RecoveryCodeUsedData {
  accountId: string;
  purpose: 'LOGIN' | 'STEP_UP' | 'RESET_PASSWORD';
  remaining: number;
}
/** The person replaced their recovery codes by a new set of `count`; the old ones no longer work. */
export interface RecoveryCodesRegeneratedData {
  accountId: string;
  count: number;
}
export type LoginFailureStep = 'PASSWORD' | 'SECOND_FACTOR';
export type LoginFailureReason = 'WRONG_PASSWORD' | 'WRONG_CODE' | 'REPLAYED_CODE' | 'EXPIRED' | 'UNKNOWN_CHALLENGE' | 'ACCOUNT_LOCKED';
export interface LoginFailedData {
  accountId: string;
  step: LoginFailureStep;
  reason: LoginFailureReason;
  /** The failures in a row so far, this one included; null when the attempt was refused during a lock. */
  consecutiveFailures: number | null;
  /** Set when the attempt was refused because the account is locked. */
  lockedUntil: Instant | null;
}

/** The account is erased: its secrets and personal data are unreadable, it never logs on again. */
export interface AccountErasedData {
  accountId: string;
  /** `SELF`: the person erased it; `ADMIN`: an admin key did; `PRIMARY`: a RAM user's primary account (deleteRamUser, or its own erasure). */
  by: 'SELF' | 'ADMIN' | 'PRIMARY';
}

export interface IntegrationEventDataByType {
  'identity.mfa.enabled.v1': MfaEnabledData;
  'identity.mfa.disabled.v1': MfaDisabledData;
  'identity.protection.changed.v1': ProtectionChangedData;
  'identity.account.locked.v1': AccountLockedData;
  'identity.account.unlocked.v1': AccountUnlockedData;
  'identity.login.succeeded.v1': LoginSucceededData;
  'identity.login.failed.v1': LoginFailedData;
  'identity.mfa.recovery_code.used.v1': RecoveryCodeUsedData;
  'identity.mfa.recovery_codes.regenerated.v1': RecoveryCodesRegeneratedData;
  'identity.account.erased.v1': AccountErasedData;
}

/** A CloudEvents 1.0 event in its JSON form, with the store position as the extension `position`. */
export interface IntegrationEvent<T extends IntegrationEventType = IntegrationEventType> {
  specversion: '1.0';
  /** The domain event's id (unique together with `source`). */
  id: string;
  source: string;
  type: T;
  /** The account id. */
  subject: string;
  /** When it happened (the domain event's own time). */
  time: Instant;
  datacontenttype: 'application/json';
  /** Extension attribute: the domain event's position in the store, to resume after it. */
  position: string;
  /**
   * Extension attribute: on every event of a RAM user's account, the id of its primary account
   * (`AccountRegistered.primaryAccountId`); absent on a primary account's events (docs/events.md).
   */
  primaryaccountid?: string;
  data: IntegrationEventDataByType[T];
}
