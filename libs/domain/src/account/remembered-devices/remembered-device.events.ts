import { EventRegistry } from '../../events/event-spec';
import { Instant } from '../../shared/types';

type Event<T extends string, D> = { type: T; data: D };

/**
 * A logon asked to remember its device (docs/security.md, "Remembered devices"): the client holds
 * an opaque random token; only its keyed hash (`tokenHash`) is stored. `sessionId`: the session that
 * logon started; `expiresAt`: when the device must give the code again.
 */
export type DeviceRemembered = Event<
  'DeviceRemembered',
  { deviceId: string; tokenHash: string; sessionId: string; expiresAt: Instant; at: Instant }
>;
/** A logon skipped its second factor because it came with the token of this remembered device. */
export type RememberedDeviceUsed = Event<'RememberedDeviceUsed', { deviceId: string; sessionId: string; at: Instant }>;
/** The person revoked these remembered devices (revokeRememberedDevices): their tokens are void. */
export type RememberedDevicesRevoked = Event<'RememberedDevicesRevoked', { deviceIds: string[]; reason: 'REVOKED'; at: Instant }>;

export type RememberedDeviceEvent = DeviceRemembered | RememberedDeviceUsed | RememberedDevicesRevoked;

export const REMEMBERED_DEVICE_EVENT_SPECS = {
  DeviceRemembered: {
    decode: (r) => ({
      deviceId: r.string('deviceId'),
      tokenHash: r.string('tokenHash'),
      sessionId: r.string('sessionId'),
      expiresAt: r.instant('expiresAt'),
      at: r.instant('at'),
    }),
    lockout: 'NONE',
    integration: null,
    auditFields: ['deviceId', 'sessionId', 'expiresAt', 'at'],
  },
  RememberedDeviceUsed: {
    decode: (r) => ({ deviceId: r.string('deviceId'), sessionId: r.string('sessionId'), at: r.instant('at') }),
    lockout: 'NONE',
    integration: null,
    auditFields: ['deviceId', 'sessionId', 'at'],
  },
  RememberedDevicesRevoked: {
    decode: (r) => ({ deviceIds: r.stringArray('deviceIds'), reason: r.oneOf('reason', ['REVOKED'] as const), at: r.instant('at') }),
    lockout: 'NONE',
    integration: null,
    auditFields: ['deviceIds', 'reason', 'at'],
  },
} as const satisfies EventRegistry<RememberedDeviceEvent>;
