import { LOGON_STEP_EVENT_SPECS, LogonStepEvent } from './logon-steps/logon-step.events';
import { REMEMBERED_DEVICE_EVENT_SPECS, RememberedDeviceEvent } from './remembered-devices/remembered-device.events';
import { SECURITY_PREFERENCE_EVENT_SPECS, SecurityPreferenceEvent } from './security-preference/security-preference.events';

export * from './logon-steps/logon-step.events';
export * from './remembered-devices/remembered-device.events';
export * from './security-preference/security-preference.events';

/**
 * The account events of issue 11's logon aids, each type in its own file: the primary account's
 * security preference, remembered devices, forced enrollment and password change at logon, and the
 * primary's MFA reset of a RAM user. Part of AccountEvent; their specs join ACCOUNT_EVENT_REGISTRY.
 */
export type LogonAidEvent = SecurityPreferenceEvent | RememberedDeviceEvent | LogonStepEvent;

export const LOGON_AID_EVENT_SPECS = {
  ...SECURITY_PREFERENCE_EVENT_SPECS,
  ...REMEMBERED_DEVICE_EVENT_SPECS,
  ...LOGON_STEP_EVENT_SPECS,
};
