import { invalidRequest } from '../../shared/domain-error';
import { constantTimeEquals } from '../../shared/constant-time';
import { addSeconds, isBefore } from '../../shared/time';
import { Instant } from '../../shared/types';
import { SecurityPolicy } from '../account.commands';
import { AccountEvent } from '../account.events';
import { AccountState } from '../account.state';
import { requireAccount } from '../kernel/account-guards';
import { RememberedDeviceEvent } from './remembered-device.events';
import { RemembersDevice, RevokeRememberedDevices } from '../logon-aid.commands';
import { SecurityPreference } from '../security-preference/security-preference.events';

/** How many remembered devices an account keeps; remembering one more forgets the oldest. */
export const MAX_REMEMBERED_DEVICES = 10;

/**
 * The remembered device whose token the client sent, if it still skips the code at `now`: the
 * governing preference must still have remembering on, and the device must be unexpired and not
 * revoked. Every stored hash is compared in constant time.
 */
export function rememberedDeviceFor(
  state: AccountState,
  tokenHash: string | null | undefined,
  preference: SecurityPreference | null | undefined,
  now: Instant,
): string | null {
  if (!tokenHash || (preference?.rememberDeviceDays ?? null) === null) return null;
  let found: string | null = null;
  for (const [deviceId, device] of Object.entries(state.rememberedDevices)) {
    if (constantTimeEquals(device.tokenHash, tokenHash) && isBefore(now, device.expiresAt)) found = deviceId;
  }
  return found;
}

/** Refuses `rememberDevice` where the governing preference has remembering off (checked before any code). */
export function requireRememberingAllowed(command: RemembersDevice): void {
  if (command.rememberDevice && (command.preference?.rememberDeviceDays ?? null) === null) {
    throw invalidRequest('rememberDevice', "the account's security preference does not remember devices");
  }
}

/**
 * After a logon step's events: a DeviceRemembered for the session it started, when asked for. It
 * lasts the preference's days, at most the deployment's REMEMBERED_DEVICE_MAX_SECONDS.
 */
export function rememberingDevice(policy: SecurityPolicy, command: RemembersDevice, events: AccountEvent[]): AccountEvent[] {
  const days = command.preference?.rememberDeviceDays ?? null;
  const started = events.find((e) => e.type === 'LoginSucceeded');
  if (!command.rememberDevice || days === null || started?.type !== 'LoginSucceeded') return events;
  const { sessionId, at } = started.data;
  const seconds = Math.min(days * 24 * 3600, policy.rememberedDeviceMaxSeconds);
  const { deviceId, tokenHash } = command.rememberDevice;
  return [...events, { type: 'DeviceRemembered', data: { deviceId, tokenHash, sessionId, expiresAt: addSeconds(at, seconds), at } }];
}

/** The person revokes every remembered device of the account (none live: nothing to record). */
export function decideRevokeRememberedDevices(command: RevokeRememberedDevices, state: AccountState): AccountEvent[] {
  requireAccount(state);
  const deviceIds = Object.entries(state.rememberedDevices)
    .filter(([, device]) => isBefore(command.now, device.expiresAt))
    .map(([deviceId]) => deviceId);
  return deviceIds.length === 0 ? [] : [{ type: 'RememberedDevicesRevoked', data: { deviceIds, reason: 'REVOKED', at: command.now } }];
}

/** Folds the remembered-device events. */
export function evolveRememberedDevices(
  state: AccountState,
  event: RememberedDeviceEvent,
): Pick<Partial<AccountState>, 'rememberedDevices'> {
  switch (event.type) {
    case 'DeviceRemembered': {
      const { deviceId, tokenHash, expiresAt, at } = event.data;
      const devices = { ...state.rememberedDevices, [deviceId]: { tokenHash, rememberedAt: at, expiresAt, lastUsedAt: null } };
      const newest = Object.entries(devices)
        .sort(([, a], [, b]) => b.rememberedAt.localeCompare(a.rememberedAt))
        .slice(0, MAX_REMEMBERED_DEVICES);
      return { rememberedDevices: Object.fromEntries(newest) };
    }
    case 'RememberedDeviceUsed': {
      const device = state.rememberedDevices[event.data.deviceId];
      if (!device) return {};
      return { rememberedDevices: { ...state.rememberedDevices, [event.data.deviceId]: { ...device, lastUsedAt: event.data.at } } };
    }
    case 'RememberedDevicesRevoked': {
      const revoked = new Set(event.data.deviceIds);
      return { rememberedDevices: Object.fromEntries(Object.entries(state.rememberedDevices).filter(([id]) => !revoked.has(id))) };
    }
  }
}
