import { at, deciderSpec, registered, sessionStarted, totpProtectedSensitive } from '@identity/testing';
import { DEFAULT_SECURITY_POLICY } from '../account.commands';
import { accountDecider } from '../account.decider';
import { AccountEvent } from '../account.events';
import { decodeAccountEvent } from '../account.registry';
import { requireRamUserManager } from './ram-user-management';

const decider = accountDecider(DEFAULT_SECURITY_POLICY);
const spec = deciderSpec(decider);
const fold = (events: AccountEvent[]) => events.reduce(decider.evolve, decider.initialState());

const create = {
  type: 'CreateRamUser' as const,
  now: at(0),
  accountId: 'ram-1',
  primaryAccountId: 'pri-1',
  loginName: 'alice@acme',
  passwordHash: '$argon2id$ram',
  email: null,
  maskedEmail: null,
  phone: null,
  maskedPhone: null,
  displayName: 'Alice',
  mfaRequired: true,
  passwordResetRequired: false,
};
const created = (): AccountEvent[] => spec.given([]).when(create).events();

describe('CreateRamUser', () => {
  it('registers the account under its primary and records its settings', () =>
    spec
      .given([])
      .when(create)
      .thenMatch([
        { type: 'AccountRegistered', data: { accountId: 'ram-1', loginName: 'alice@acme', primaryAccountId: 'pri-1' } },
        { type: 'RamUserSettingsChanged', data: { displayName: 'Alice', mfaRequired: true, passwordResetRequired: false, at: at(0) } },
      ]));

  it('folds mfaRequired and passwordResetRequired into the state; old streams fold to false', () => {
    expect(fold(created())).toMatchObject({ primaryAccountId: 'pri-1', displayName: 'Alice', mfaRequired: true, disabled: false });
    expect(fold([registered()])).toMatchObject({ displayName: null, mfaRequired: false, passwordResetRequired: false, disabled: false });
  });

  it('refuses an account that exists', () => spec.given(created()).when(create).thenThrows('ACCOUNT_EXISTS'));
});

describe('commands of the primary on its RAM user', () => {
  const withSession = () => [...created(), sessionStarted('ses-r', at(10))];

  it('refuses another primary, a primary account itself and an erased user: NOT_PERMITTED', () => {
    const disable = { type: 'DisableRamUser' as const, now: at(20), primaryAccountId: 'pri-2', reason: 'PRIMARY' as const };
    spec.given(created()).when(disable).thenThrows('NOT_PERMITTED', 'accountId');
    spec
      .given([registered()])
      .when({ ...disable, primaryAccountId: 'acc-1' })
      .thenThrows('NOT_PERMITTED');
    const erased = spec
      .given(created())
      .when({ type: 'EraseRamUser', now: at(20), primaryAccountId: 'pri-1' })
      .events();
    spec
      .given([...created(), ...erased])
      .when({ ...disable, primaryAccountId: 'pri-1' })
      .thenThrows('NOT_PERMITTED');
  });

  it('disabling ends the live sessions; a second disable and an enable of an enabled user append nothing', () => {
    const disable = { type: 'DisableRamUser' as const, now: at(20), primaryAccountId: 'pri-1', reason: 'PRIMARY' as const };
    spec
      .given(withSession())
      .when(disable)
      .then([
        { type: 'AccountDisabled', data: { reason: 'PRIMARY', at: at(20) } },
        { type: 'SessionsEnded', data: { sessionIds: ['ses-r'], reason: 'ACCOUNT_DISABLED', at: at(20) } },
      ]);
    const disabled = [...withSession(), ...spec.given(withSession()).when(disable).events()];
    expect(fold(disabled).disabled).toBe(true);
    spec.given(disabled).when(disable).then([]);
    spec
      .given(created())
      .when({ type: 'EnableRamUser', now: at(30), primaryAccountId: 'pri-1' })
      .then([]);
    spec
      .given(disabled)
      .when({ type: 'EnableRamUser', now: at(30), primaryAccountId: 'pri-1' })
      .then([{ type: 'AccountEnabled', data: { at: at(30) } }]);
  });

  it('a disabled user does not log on (ACCOUNT_DISABLED), also with the right password', () => {
    const disabled = [...created(), { type: 'AccountDisabled', data: { reason: 'PRIMARY', at: at(20) } } as AccountEvent];
    const loginCommand = {
      type: 'Login' as const,
      now: at(30),
      passwordValid: true,
      sessionId: 's',
      challengeId: 'c',
      challengeCodeHash: null,
    };
    spec.given(disabled).when(loginCommand).thenThrows('ACCOUNT_DISABLED');
  });

  it('updates only what is given, and appends nothing when nothing changes', () => {
    const update = { type: 'UpdateRamUser' as const, now: at(20), primaryAccountId: 'pri-1' };
    spec
      .given(created())
      .when({ ...update, displayName: 'Alice L.' })
      .then([
        { type: 'RamUserSettingsChanged', data: { displayName: 'Alice L.', mfaRequired: true, passwordResetRequired: false, at: at(20) } },
      ]);
    spec
      .given(created())
      .when({ ...update, mfaRequired: true, displayName: 'Alice' })
      .then([]);
  });

  it('a password set by the primary ends the sessions and records the reset flag', () =>
    spec
      .given(withSession())
      .when({ type: 'SetRamUserPassword', now: at(20), primaryAccountId: 'pri-1', passwordHash: '$new', passwordResetRequired: true })
      .thenMatch([
        { type: 'PasswordChanged', data: { passwordHash: '$new', reason: 'SET_BY_PRIMARY' } },
        { type: 'SessionsEnded', data: { sessionIds: ['ses-r'], reason: 'PASSWORD_CHANGED' } },
        { type: 'RamUserSettingsChanged', data: { passwordResetRequired: true } },
      ]));

  it('erasing the user ends its sessions first, by PRIMARY', () =>
    spec
      .given(withSession())
      .when({ type: 'EraseRamUser', now: at(20), primaryAccountId: 'pri-1' })
      .then([
        { type: 'SessionsEnded', data: { sessionIds: ['ses-r'], reason: 'ACCOUNT_DELETED', at: at(20) } },
        { type: 'AccountErased', data: { by: 'PRIMARY', sessionId: null, verificationId: null, at: at(20) } },
      ]));

  it('decodes its stored events, and refuses a malformed one', () => {
    const settings = { displayName: 'A', mfaRequired: false, passwordResetRequired: true, at: at(1) };
    expect(decodeAccountEvent('RamUserSettingsChanged', settings).data).toEqual(settings);
    expect(() => decodeAccountEvent('RamUserSettingsChanged', { ...settings, mfaRequired: 'yes' })).toThrow(/mfaRequired/);
    expect(decodeAccountEvent('AccountDisabled', { reason: 'PRIMARY_ERASED', at: at(1) }).data).toEqual({
      reason: 'PRIMARY_ERASED',
      at: at(1),
    });
  });
});

describe('requireRamUserManager', () => {
  const primary = (events: AccountEvent[] = []) => fold([registered({ accountId: 'pri-1' }), sessionStarted('ses-p', at(10)), ...events]);
  const policy = DEFAULT_SECURITY_POLICY;

  it('lets a primary account with a live session manage', () =>
    expect(() => requireRamUserManager(primary(), 'ses-p', at(20), policy)).not.toThrow());
  it('refuses a RAM user: NOT_PERMITTED', () => {
    const ramUser = fold([...created(), sessionStarted('ses-r', at(10))]);
    expect(() => requireRamUserManager(ramUser, 'ses-r', at(20), policy)).toThrow(expect.objectContaining({ code: 'NOT_PERMITTED' }));
  });
  it('refuses an ended session', () =>
    expect(() => requireRamUserManager(primary(), 'ses-x', at(20), policy)).toThrow(expect.objectContaining({ code: 'SESSION_NOT_LIVE' })));
  it('asks for a step-up where the protection covers SENSITIVE_OPERATION', () => {
    const state = fold([...totpProtectedSensitive(), sessionStarted('ses-p', at(100))]);
    expect(() => requireRamUserManager(state, 'ses-p', at(120), policy)).toThrow(expect.objectContaining({ code: 'STEP_UP_REQUIRED' }));
  });
});
