import { AccountEvent } from '../account/account.events';
import { STREAM_CATEGORIES, streamCategory, streamEntityId } from '../shared/stream-names';
import { Instant } from '../shared/types';
import {
  INTEGRATION_EVENT_SOURCE, IntegrationEvent, IntegrationEventDataByType, IntegrationEventType, LoginFailedData,
} from './integration-event.types';

/** A domain event as the store recorded it, with its position in text form (`positionToString`). */
export interface StoredDomainEvent {
  id: string;
  streamId: string;
  type: string;
  data: Record<string, unknown>;
  position: string;
  recordedAt: Instant;
}

/**
 * The suffix that makes the id of the second integration event of one domain event unique
 * (`ProtectionEnabled` gives `identity.mfa.enabled.v1` with the domain event id and
 * `identity.protection.changed.v1` with this suffix; `ProtectionDisabled` likewise with `identity.mfa.disabled.v1`). No `.`: ids are also Standard Webhooks message ids.
 */
export const PROTECTION_CHANGED_ID_SUFFIX = ':protection-changed';

/**
 * The integration events one stored domain event stands for: none (most events are internal), one,
 * or two (`ProtectionEnabled`, `ProtectionDisabled`). Pure: same input, same output, so a replay gives the same events with
 * the same ids. Only the fields listed here leave the service; nothing secret is among them.
 */
export function toIntegrationEvents(stored: StoredDomainEvent): IntegrationEvent[] {
  if (streamCategory(stored.streamId) !== STREAM_CATEGORIES.account) return [];
  const accountId = streamEntityId(stored.streamId);
  const event = { type: stored.type, data: stored.data } as AccountEvent;
  const time = typeof stored.data.at === 'string' ? stored.data.at : stored.recordedAt;
  const make = <T extends IntegrationEventType>(type: T, data: IntegrationEventDataByType[T], id = stored.id): IntegrationEvent<T> => ({
    specversion: '1.0', id, source: INTEGRATION_EVENT_SOURCE, type, subject: accountId, time,
    datacontenttype: 'application/json', position: stored.position, data,
  });
  const loginFailed = (data: Omit<LoginFailedData, 'accountId'>) => [make('identity.login.failed.v1', { accountId, ...data })];

  switch (event.type) {
    case 'ProtectionEnabled': {
      const { method, scenes } = event.data;
      return [
        make('identity.mfa.enabled.v1', { accountId, method, scenes: [...scenes] }),
        make('identity.protection.changed.v1', { accountId, protectionEnabled: true, method, scenes: [...scenes] },
          `${stored.id}${PROTECTION_CHANGED_ID_SUFFIX}`),
      ];
    }
    case 'ProtectionDisabled': {
      const { method } = event.data;
      return [
        make('identity.mfa.disabled.v1', { accountId, method }),
        make('identity.protection.changed.v1', { accountId, protectionEnabled: false, method: null, scenes: [] },
          `${stored.id}${PROTECTION_CHANGED_ID_SUFFIX}`),
      ];
    }
    case 'AccountLocked':
      return [make('identity.account.locked.v1', {
        accountId, lockedUntil: event.data.lockedUntil, consecutiveFailures: event.data.consecutiveFailures,
      })];
    case 'AccountUnlocked':
      return [make('identity.account.unlocked.v1', { accountId, reason: event.data.reason })];
    case 'LoginSucceeded':
      return [make('identity.login.succeeded.v1', { accountId, method: event.data.method })];
    case 'PasswordCheckFailed':
      return loginFailed({
        step: 'PASSWORD', reason: 'WRONG_PASSWORD', consecutiveFailures: event.data.consecutiveFailures, lockedUntil: null,
      });
    case 'TotpCheckFailed':
      // A failed authenticator binding is not a logon; it counts towards the lock (identity.account.locked.v1).
      if (event.data.purpose !== 'LOGIN') return [];
      return loginFailed({
        step: 'SECOND_FACTOR', reason: codeFailureReason(event.data.reason), consecutiveFailures: event.data.consecutiveFailures,
        lockedUntil: null,
      });
    case 'LoginCodeCheckFailed':
      return loginFailed({
        step: 'SECOND_FACTOR', reason: codeFailureReason(event.data.reason), consecutiveFailures: event.data.consecutiveFailures,
        lockedUntil: null,
      });
    case 'AttemptRejectedWhileLocked': {
      const { operation, lockedUntil } = event.data;
      if (operation !== 'LOGIN' && operation !== 'COMPLETE_LOGIN') return [];
      return loginFailed({
        step: operation === 'LOGIN' ? 'PASSWORD' : 'SECOND_FACTOR', reason: 'ACCOUNT_LOCKED', consecutiveFailures: null, lockedUntil,
      });
    }
    // Internal steps: no integration event.
    case 'AccountRegistered':
    case 'IdentityVerificationStarted':
    case 'IdentityVerified':
    case 'VerificationFailed':
    case 'TotpEnrollmentStarted':
    case 'TotpCodeAccepted':
    case 'TotpBound':
    case 'TotpUnbound':
    case 'MfaChallengeIssued':
      return [];
  }
  return []; // a stored type this version does not know (the cast above is not checked)
}

function codeFailureReason(reason: 'WRONG_CODE' | 'REPLAYED_CODE' | 'EXPIRED' | 'UNKNOWN_REFERENCE'): LoginFailedData['reason'] {
  return reason === 'UNKNOWN_REFERENCE' ? 'UNKNOWN_CHALLENGE' : reason;
}
