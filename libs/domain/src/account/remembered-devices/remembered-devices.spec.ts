import { at, challengeIssued, deciderSpec, totpProtected } from '@identity/testing';
import { addSeconds } from '../../shared/time';
import { DEFAULT_SECURITY_POLICY } from '../account.commands';
import { accountDecider } from '../account.decider';
import { AccountEvent } from '../account.events';
import { DEFAULT_SECURITY_PREFERENCE, SecurityPreference } from '../security-preference/security-preference.events';
import { MAX_REMEMBERED_DEVICES } from './remembered-devices';

const decider = accountDecider(DEFAULT_SECURITY_POLICY);
const spec = deciderSpec(decider);
const fold = (events: AccountEvent[]) => events.reduce(decider.evolve, decider.initialState());
const DAY = 24 * 3600;
const sevenDays: SecurityPreference = { ...DEFAULT_SECURITY_PREFERENCE, rememberDeviceDays: 7 };
const completeLogin = (timeStep: number | null, preference = sevenDays, now = at(110)) => ({
  type: 'CompleteLogin' as const,
  now,
  challengeId: 'ch-1',
  sessionId: 's-1',
  proof: timeStep === null ? null : { kind: 'TOTP' as const, authenticatorId: 'enr-1', timeStep },
  preference,
  rememberDevice: { deviceId: 'dev-1', tokenHash: 'hash-of-token' },
});
const login = (now: string, tokenHash: string | null = 'hash-of-token', preference = sevenDays) => ({
  type: 'Login' as const,
  now,
  passwordValid: true,
  sessionId: 's-2',
  challengeId: 'ch-2',
  challengeCodeHash: null,
  addressKey: 'addr-a',
  preference,
  rememberedDeviceTokenHash: tokenHash,
});
const challenged = () => [...totpProtected(), challengeIssued('ch-1', at(100))];
const remembered = () => [...challenged(), ...spec.given(challenged()).when(completeLogin(1001)).events()];

describe('remembering a device', () => {
  it("records the device's token hash with the session, for the preference's days", () =>
    spec
      .given(challenged())
      .when(completeLogin(1001))
      .thenMatch([
        { type: 'TotpCodeAccepted' },
        { type: 'LoginSucceeded', data: { sessionId: 's-1' } },
        {
          type: 'DeviceRemembered',
          data: { deviceId: 'dev-1', tokenHash: 'hash-of-token', sessionId: 's-1', expiresAt: addSeconds(at(110), 7 * DAY), at: at(110) },
        },
      ]));

  it('lasts at most the deployment cap', () => {
    const capped = deciderSpec(accountDecider({ ...DEFAULT_SECURITY_POLICY, rememberedDeviceMaxSeconds: 60 }));
    capped
      .given(challenged())
      .when(completeLogin(1001))
      .thenMatch([{ type: 'TotpCodeAccepted' }, { type: 'LoginSucceeded' }, { type: 'DeviceRemembered', data: { expiresAt: at(170) } }]);
  });

  it('is refused where the preference remembers nothing, before the code is looked at (so no free guess)', () => {
    spec.given(challenged()).when(completeLogin(1001, DEFAULT_SECURITY_PREFERENCE)).thenThrows('INVALID_REQUEST', 'rememberDevice');
    spec.given(challenged()).when(completeLogin(null, DEFAULT_SECURITY_PREFERENCE)).thenThrows('INVALID_REQUEST', 'rememberDevice');
  });

  it('remembers nothing after a wrong code', () =>
    spec
      .given(challenged())
      .when(completeLogin(null))
      .thenMatch([{ type: 'TotpCheckFailed' }]));
});

describe('a logon from a remembered device', () => {
  it('skips the code: a session proven by the password alone (a sensitive operation still steps up)', () => {
    spec
      .given(remembered())
      .when(login(at(200)))
      .then([
        { type: 'RememberedDeviceUsed', data: { deviceId: 'dev-1', sessionId: 's-2', at: at(200) } },
        {
          type: 'LoginSucceeded',
          data: {
            sessionId: 's-2',
            method: 'PASSWORD',
            challengeId: null,
            addressKey: 'addr-a',
            expiresAt: at(1100),
            authenticatorId: null,
            at: at(200),
          },
        },
      ]);
    const after = fold([
      ...remembered(),
      ...spec
        .given(remembered())
        .when(login(at(200)))
        .events(),
    ]);
    expect(after.sessions['s-2']?.secondFactorAt).toBeNull();
    expect(after.rememberedDevices['dev-1']?.lastUsedAt).toBe(at(200));
  });

  const asksForCode = [{ type: 'MfaChallengeIssued', data: { challengeId: 'ch-2' } }];

  it('asks for the code again once the period is over', () =>
    spec
      .given(remembered())
      .when(login(addSeconds(at(110), 7 * DAY)))
      .thenMatch(asksForCode));

  it('asks for the code with another token, or none', () => {
    spec
      .given(remembered())
      .when(login(at(200), 'another'))
      .thenMatch(asksForCode);
    spec
      .given(remembered())
      .when(login(at(200), null))
      .thenMatch(asksForCode);
  });

  it('asks for the code once the preference stops remembering devices', () =>
    spec
      .given(remembered())
      .when(login(at(200), 'hash-of-token', DEFAULT_SECURITY_PREFERENCE))
      .thenMatch(asksForCode));

  it('asks for the code after revokeRememberedDevices', () => {
    const revoke = spec
      .given(remembered())
      .when({ type: 'RevokeRememberedDevices', now: at(150) })
      .events();
    expect(revoke).toEqual([{ type: 'RememberedDevicesRevoked', data: { deviceIds: ['dev-1'], reason: 'REVOKED', at: at(150) } }]);
    spec
      .given([...remembered(), ...revoke])
      .when(login(at(200)))
      .thenMatch(asksForCode);
    spec
      .given([...remembered(), ...revoke])
      .when({ type: 'RevokeRememberedDevices', now: at(160) })
      .then([]);
  });

  it('asks for the code after a password change', () => {
    const changed: AccountEvent = {
      type: 'PasswordChanged',
      data: { passwordHash: '$argon2id$new', reason: 'RESET', sessionId: null, verificationId: null, at: at(150) },
    };
    spec
      .given([...remembered(), changed])
      .when(login(at(200)))
      .thenMatch(asksForCode);
  });

  it(`keeps the newest ${MAX_REMEMBERED_DEVICES} devices`, () => {
    const many = Array.from({ length: MAX_REMEMBERED_DEVICES + 2 }, (_, i): AccountEvent => ({
      type: 'DeviceRemembered',
      data: { deviceId: `dev-${i}`, tokenHash: `h-${i}`, sessionId: `s-${i}`, expiresAt: at(100_000), at: at(100 + i) },
    }));
    const devices = Object.keys(fold([...totpProtected(), ...many]).rememberedDevices);
    expect(devices).toHaveLength(MAX_REMEMBERED_DEVICES);
    expect(devices).not.toContain('dev-0');
    expect(devices).not.toContain('dev-1');
  });
});
