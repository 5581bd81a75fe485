import {
  AccountErased,
  AccountLocked,
  AccountUnlocked,
  AttemptRejectedWhileLocked,
  LoginCodeCheckFailed,
  LoginSucceeded,
  PasswordCheckFailed,
  ProtectionChanged,
  ProtectionDisabled,
  ProtectionEnabled,
  RecoveryCodeCheckFailed,
  RecoveryCodesGenerated,
  RecoveryCodeUsed,
  TotpCheckFailed,
} from './account.events';
import { IntegrationSource } from '../events/event-spec';
import { PERMANENT_LOCK_UNTIL } from './account.state';
import {
  INTEGRATION_EVENT_SOURCE,
  IntegrationEvent,
  IntegrationEventDataByType,
  IntegrationEventType,
  LoginFailedData,
} from '../events/integration-event.types';

/**
 * The suffix that makes the id of the second integration event of one domain event unique
 * (`ProtectionEnabled` gives `identity.mfa.enabled.v1` with the domain event id and
 * `identity.protection.changed.v1` with this suffix; `ProtectionDisabled` likewise with `identity.mfa.disabled.v1`,
 * `ProtectionChanged` with the one that gains or loses logon). No `.`: ids are also Standard Webhooks message ids.
 */
export const PROTECTION_CHANGED_ID_SUFFIX = ':protection-changed';

/** The account event mappings the account registry names. Only the fields listed here leave the service. */
function make<T extends IntegrationEventType>(
  source: IntegrationSource,
  type: T,
  data: IntegrationEventDataByType[T],
  id = source.id,
): IntegrationEvent<T> {
  return {
    specversion: '1.0',
    id,
    source: INTEGRATION_EVENT_SOURCE,
    type,
    subject: source.entityId,
    time: source.time,
    datacontenttype: 'application/json',
    position: source.position,
    data,
  };
}

const loginFailed = (source: IntegrationSource, data: Omit<LoginFailedData, 'accountId'>): IntegrationEvent[] => [
  make(source, 'identity.login.failed.v1', { accountId: source.entityId, ...data }),
];

function codeFailureReason(reason: TotpCheckFailed['data']['reason']): LoginFailedData['reason'] {
  return reason === 'UNKNOWN_REFERENCE' ? 'UNKNOWN_CHALLENGE' : reason;
}

export const accountIntegration = {
  protectionEnabled(event: ProtectionEnabled, source: IntegrationSource): IntegrationEvent[] {
    const { method, scenes } = event.data;
    const accountId = source.entityId;
    return [
      make(source, 'identity.mfa.enabled.v1', { accountId, method, scenes: [...scenes] }),
      make(
        source,
        'identity.protection.changed.v1',
        { accountId, protectionEnabled: true, method, scenes: [...scenes] },
        `${source.id}${PROTECTION_CHANGED_ID_SUFFIX}`,
      ),
    ];
  },
  protectionDisabled(event: ProtectionDisabled, source: IntegrationSource): IntegrationEvent[] {
    const accountId = source.entityId;
    return [
      make(source, 'identity.mfa.disabled.v1', { accountId, method: event.data.method }),
      make(
        source,
        'identity.protection.changed.v1',
        { accountId, protectionEnabled: false, method: null, scenes: [] },
        `${source.id}${PROTECTION_CHANGED_ID_SUFFIX}`,
      ),
    ];
  },
  /**
   * Protection changed while on: `identity.protection.changed.v1` with `previous`; losing LOGON is
   * also `identity.mfa.disabled.v1` (the method that guarded it), gaining it `identity.mfa.enabled.v1`.
   */
  protectionChanged(event: ProtectionChanged, source: IntegrationSource): IntegrationEvent[] {
    const { method, scenes, methodBefore, scenesBefore } = event.data;
    const accountId = source.entityId;
    const hadLogon = scenesBefore.includes('LOGON');
    const hasLogon = scenes.includes('LOGON');
    const logon: IntegrationEvent[] =
      hadLogon && !hasLogon
        ? [make(source, 'identity.mfa.disabled.v1', { accountId, method: methodBefore })]
        : !hadLogon && hasLogon
          ? [make(source, 'identity.mfa.enabled.v1', { accountId, method, scenes: [...scenes] })]
          : [];
    const changed = make(
      source,
      'identity.protection.changed.v1',
      { accountId, protectionEnabled: true, method, scenes: [...scenes], previous: { method: methodBefore, scenes: [...scenesBefore] } },
      logon.length > 0 ? `${source.id}${PROTECTION_CHANGED_ID_SUFFIX}` : source.id,
    );
    return [...logon, changed];
  },
  /** A lock of one client address is not a lock of the account (docs/adr/0005-lockout.md): internal only. */
  accountLocked(event: AccountLocked, source: IntegrationSource): IntegrationEvent[] {
    const { scope, lockedUntil, consecutiveFailures } = event.data;
    if (scope === 'ADDRESS') return [];
    return [make(source, 'identity.account.locked.v1', { accountId: source.entityId, lockedUntil, consecutiveFailures })];
  },
  accountUnlocked(event: AccountUnlocked, source: IntegrationSource): IntegrationEvent[] {
    if (event.data.scope === 'ADDRESS') return [];
    return [make(source, 'identity.account.unlocked.v1', { accountId: source.entityId, reason: event.data.reason })];
  },
  loginSucceeded(event: LoginSucceeded, source: IntegrationSource): IntegrationEvent[] {
    // The v1 schema predates recovery codes: such a logon says TOTP, the factor the code stood in for.
    const method = event.data.method === 'RECOVERY_CODE' ? 'TOTP' : event.data.method;
    return [make(source, 'identity.login.succeeded.v1', { accountId: source.entityId, method })];
  },
  passwordCheckFailed(event: PasswordCheckFailed, source: IntegrationSource): IntegrationEvent[] {
    return loginFailed(source, {
      step: 'PASSWORD',
      reason: 'WRONG_PASSWORD',
      consecutiveFailures: event.data.consecutiveFailures,
      lockedUntil: null,
    });
  },
  totpCheckFailed(event: TotpCheckFailed, source: IntegrationSource): IntegrationEvent[] {
    // A failed authenticator binding is not a logon; it counts towards the lock (identity.account.locked.v1).
    if (event.data.purpose !== 'LOGIN') return [];
    return loginFailed(source, {
      step: 'SECOND_FACTOR',
      reason: codeFailureReason(event.data.reason),
      consecutiveFailures: event.data.consecutiveFailures,
      lockedUntil: null,
    });
  },
  loginCodeCheckFailed(event: LoginCodeCheckFailed, source: IntegrationSource): IntegrationEvent[] {
    return loginFailed(source, {
      step: 'SECOND_FACTOR',
      reason: codeFailureReason(event.data.reason),
      consecutiveFailures: event.data.consecutiveFailures,
      lockedUntil: null,
    });
  },
  attemptRejectedWhileLocked(event: AttemptRejectedWhileLocked, source: IntegrationSource): IntegrationEvent[] {
    const { operation, lockedUntil } = event.data;
    if (operation !== 'LOGIN' && operation !== 'COMPLETE_LOGIN') return [];
    return loginFailed(source, {
      step: operation === 'LOGIN' ? 'PASSWORD' : 'SECOND_FACTOR',
      reason: 'ACCOUNT_LOCKED',
      consecutiveFailures: null,
      // A lock until an unlock is stored as PERMANENT_LOCK_UNTIL; integrators get null, as on AccountLocked.
      lockedUntil: lockedUntil === PERMANENT_LOCK_UNTIL ? null : lockedUntil,
    });
  },
  recoveryCodeUsed(event: RecoveryCodeUsed, source: IntegrationSource): IntegrationEvent[] {
    const { purpose, remaining } = event.data;
    return [make(source, 'identity.mfa.recovery_code.used.v1', { accountId: source.entityId, purpose, remaining })];
  },
  recoveryCodesGenerated(event: RecoveryCodesGenerated, source: IntegrationSource): IntegrationEvent[] {
    // The first set comes with identity.mfa.enabled.v1; only a new set the person asked for is news of its own.
    if (event.data.reason !== 'REGENERATED') return [];
    return [make(source, 'identity.mfa.recovery_codes.regenerated.v1', { accountId: source.entityId, count: event.data.codes.length })];
  },
  recoveryCodeCheckFailed(event: RecoveryCodeCheckFailed, source: IntegrationSource): IntegrationEvent[] {
    if (event.data.purpose !== 'LOGIN') return [];
    return loginFailed(source, {
      step: 'SECOND_FACTOR',
      reason: event.data.reason === 'USED_CODE' ? 'REPLAYED_CODE' : 'WRONG_CODE',
      consecutiveFailures: event.data.consecutiveFailures,
      lockedUntil: null,
    });
  },
  accountErased(event: AccountErased, source: IntegrationSource): IntegrationEvent[] {
    return [make(source, 'identity.account.erased.v1', { accountId: source.entityId, by: event.data.by })];
  },
};
