import { at, deciderSpec, registered, sessionStarted, totpProtectedSensitive } from '@identity/testing';
import { DEFAULT_SECURITY_POLICY } from '../account.commands';
import { accountDecider } from '../account.decider';
import { AccountEvent } from '../account.events';
import { decodeAccountEvent } from '../account.registry';
import { DEFAULT_SECURITY_PREFERENCE } from './security-preference.events';

const decider = accountDecider(DEFAULT_SECURITY_POLICY);
const spec = deciderSpec(decider);
const fold = (events: AccountEvent[]) => events.reduce(decider.evolve, decider.initialState());
const set = (fields: Record<string, unknown>, sessionId: string | null = 'ses-1') => ({
  type: 'SetSecurityPreference' as const,
  now: at(120),
  sessionId,
  ...fields,
});
const preferenceSet = (data: Partial<typeof DEFAULT_SECURITY_PREFERENCE>): AccountEvent => ({
  type: 'SecurityPreferenceSet',
  data: { ...DEFAULT_SECURITY_PREFERENCE, ...data, sessionId: 'ses-1', at: at(120) },
});

describe('setSecurityPreference', () => {
  it('starts from nothing required, devices self-managed, nothing remembered', () =>
    expect(fold([registered()]).securityPreference).toEqual({
      ramUserMfaRequired: false,
      ramUsersManageOwnDevices: true,
      rememberDeviceDays: null,
    }));

  it('changes the fields given and keeps the others', () => {
    spec
      .given([registered()])
      .when(set({ ramUserMfaRequired: true }))
      .then([preferenceSet({ ramUserMfaRequired: true })]);
    spec
      .given([registered(), preferenceSet({ ramUserMfaRequired: true })])
      .when(set({ ramUsersManageOwnDevices: false }))
      .then([preferenceSet({ ramUserMfaRequired: true, ramUsersManageOwnDevices: false })]);
  });

  it('remembers devices for 7 days when turned on without days, for the days given, and forgets on false', () => {
    spec
      .given([registered()])
      .when(set({ rememberDevice: true }))
      .then([preferenceSet({ rememberDeviceDays: 7 })]);
    spec
      .given([registered()])
      .when(set({ rememberDeviceDays: 30 }))
      .then([preferenceSet({ rememberDeviceDays: 30 })]);
    spec
      .given([registered(), preferenceSet({ rememberDeviceDays: 3 })])
      .when(set({ rememberDevice: true }))
      .then([]);
    spec
      .given([registered(), preferenceSet({ rememberDeviceDays: 3 })])
      .when(set({ rememberDevice: false }))
      .then([preferenceSet({ rememberDeviceDays: null })]);
  });

  it('refuses days out of 1..30, not whole, or with rememberDevice false', () => {
    for (const days of [0, 31, 1.5, -1]) {
      spec
        .given([registered()])
        .when(set({ rememberDeviceDays: days }))
        .thenThrows('INVALID_REQUEST', 'rememberDeviceDays');
    }
    spec
      .given([registered()])
      .when(set({ rememberDevice: false, rememberDeviceDays: 7 }))
      .thenThrows('INVALID_REQUEST', 'rememberDeviceDays');
  });

  it('records nothing when nothing changes', () =>
    spec
      .given([registered()])
      .when(set({ ramUserMfaRequired: false, rememberDevice: false }))
      .then([]));

  it('is NOT_PERMITTED (FORBIDDEN) to a RAM user', () =>
    spec
      .given([registered({ primaryAccountId: 'primary-1' })])
      .when(set({ ramUserMfaRequired: true }))
      .thenThrows('NOT_PERMITTED'));

  it('needs a fresh step-up where protection covers sensitive operations', () => {
    const history = [...totpProtectedSensitive(), sessionStarted('ses-1', at(100), 'PASSWORD')];
    spec
      .given(history)
      .when(set({ ramUserMfaRequired: true }))
      .thenThrows('STEP_UP_REQUIRED');
    spec
      .given([...history, { type: 'StepUpSucceeded', data: { sessionId: 'ses-1', method: 'TOTP', authenticatorId: 'enr-1', at: at(110) } }])
      .when(set({ ramUserMfaRequired: true }))
      .thenMatch([{ type: 'SecurityPreferenceSet' }]);
  });

  it('reads a stored SecurityPreferenceSet back exactly', () => {
    const event = preferenceSet({ ramUserMfaRequired: true, rememberDeviceDays: 7 });
    expect(decodeAccountEvent(event.type, JSON.parse(JSON.stringify(event.data)))).toEqual(event);
    expect(() => decodeAccountEvent(event.type, { ...event.data, ramUserMfaRequired: 'yes' })).toThrow('ramUserMfaRequired');
  });
});
