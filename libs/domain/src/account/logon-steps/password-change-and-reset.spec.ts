import { at, deciderSpec, registered, sessionStarted, totpProtected } from '@identity/testing';
import { addSeconds } from '../../shared/time';
import { DEFAULT_SECURITY_POLICY } from '../account.commands';
import { accountDecider } from '../account.decider';
import { AccountEvent } from '../account.events';
import { AccountState } from '../account.state';
import { DEFAULT_SECURITY_PREFERENCE } from '../security-preference/security-preference.events';

const decider = accountDecider(DEFAULT_SECURITY_POLICY);
const spec = deciderSpec(decider);
const fold = (events: AccountEvent[], from: AccountState = decider.initialState()) => events.reduce(decider.evolve, from);
const required = { ...DEFAULT_SECURITY_PREFERENCE, ramUserMfaRequired: true, rememberDeviceDays: 7 };
const ramUser = () => registered({ accountId: 'ram-1', primaryAccountId: 'primary-1' });
/** A RAM user whose primary made it change its password at the first logon (ram-core's flag). */
const mustChange = (): AccountState => ({ ...fold([ramUser()]), passwordResetRequired: true });
const facts = { sessionId: 's-1', challengeId: 'ch-1', challengeCodeHash: null, addressKey: 'addr-a', preference: required };
const login = { type: 'Login' as const, now: at(100), passwordValid: true, ...facts, passwordChangeTicketId: 'pct-1' };
const change = (now = at(110), ticketId = 'pct-1') => ({
  type: 'CompletePasswordChange' as const,
  now,
  ticketId,
  newPasswordHash: '$argon2id$new',
  ...facts,
  sessionId: 's-2',
  enrollment: { enrollmentId: 'le-1', secret: 'enc:v1:le-1' },
});

describe('a password that must be changed at the first logon', () => {
  it('answers the right password with a ticket first, before any enrollment', () =>
    expect(decider.decide(login, mustChange())).toEqual([
      { type: 'PasswordChangeTicketIssued', data: { ticketId: 'pct-1', expiresAt: at(400), addressKey: 'addr-a', at: at(100) } },
    ]));

  it('sets the new password with the ticket, then goes on to the enrollment MFA requires', () => {
    const ticketed = fold(decider.decide(login, mustChange()), mustChange());
    const events = decider.decide(change(), ticketed);
    expect(events).toEqual([
      {
        type: 'PasswordChanged',
        data: { passwordHash: '$argon2id$new', reason: 'CHANGE', sessionId: null, verificationId: null, at: at(110) },
      },
      { type: 'PasswordChangeTicketUsed', data: { ticketId: 'pct-1', at: at(110) } },
      {
        type: 'LogonEnrollmentStarted',
        data: { enrollmentId: 'le-1', secret: 'enc:v1:le-1', expiresAt: at(710), addressKey: 'addr-a', at: at(110) },
      },
    ]);
    const after = fold(events, ticketed);
    expect(after).toMatchObject({ passwordResetRequired: false, passwordHash: '$argon2id$new', passwordChangeTickets: {} });
    expect(() => decider.decide(change(at(120)), after)).toThrow(expect.objectContaining({ code: 'INVALID_REQUEST', field: 'ticket' }));
  });

  it('goes on to a session when nothing else is required', () => {
    const ticketed = fold(decider.decide(login, mustChange()), mustChange());
    const events = decider.decide({ ...change(), preference: DEFAULT_SECURITY_PREFERENCE }, ticketed);
    expect(events.map((e) => e.type)).toEqual(['PasswordChanged', 'PasswordChangeTicketUsed', 'LoginSucceeded']);
  });

  it('does not take a ticket issued before the primary disabled the user', () => {
    const ticketed = fold(decider.decide(login, mustChange()), mustChange());
    const disabled = fold([{ type: 'AccountDisabled', data: { reason: 'PRIMARY', at: at(105) } }], ticketed);
    expect(() => decider.decide(change(), disabled)).toThrow(expect.objectContaining({ code: 'ACCOUNT_DISABLED' }));
  });

  it('refuses an unknown or expired ticket, recording nothing', () => {
    const ticketed = fold(decider.decide(login, mustChange()), mustChange());
    for (const command of [change(at(110), 'pct-x'), change(addSeconds(at(100), 300))]) {
      expect(() => decider.decide(command, ticketed)).toThrow(expect.objectContaining({ code: 'INVALID_REQUEST', field: 'ticket' }));
    }
  });
});

describe('resetRamUserMfa', () => {
  const protectedRamUser = () => [
    ...totpProtected().map((e) => (e.type === 'AccountRegistered' ? ramUser() : e)),
    sessionStarted('ses-1', at(100), 'TOTP'),
  ];
  const reset = (primaryAccountId = 'primary-1') => ({
    type: 'ResetMfaByPrimary' as const,
    now: at(150),
    primaryAccountId,
    sessionId: 'primary-ses',
  });

  it("removes the RAM user's authenticators and protection and ends its sessions", () =>
    spec
      .given(protectedRamUser())
      .when(reset())
      .then([
        { type: 'MfaResetByPrimary', data: { primaryAccountId: 'primary-1', sessionId: 'primary-ses', at: at(150) } },
        { type: 'TotpUnbound', data: { authenticatorId: 'enr-1', at: at(150) } },
        { type: 'ProtectionDisabled', data: { method: 'TOTP', scenes: ['LOGON'], verificationId: null, at: at(150) } },
        { type: 'SessionsEnded', data: { sessionIds: ['ses-1'], reason: 'RESET_BY_PRIMARY', at: at(150) } },
      ]));

  it('makes the next logon enroll again when MFA is required', () => {
    const history = [...protectedRamUser(), ...spec.given(protectedRamUser()).when(reset()).events()];
    expect(fold(history)).toMatchObject({ authenticators: {}, recoveryCodes: null, rememberedDevices: {}, sessions: {} });
    spec
      .given(history)
      .when({ ...login, now: at(160), passwordChangeTicketId: null, enrollment: { enrollmentId: 'le-9', secret: 'enc:v1:le-9' } })
      .thenMatch([{ type: 'LogonEnrollmentStarted', data: { enrollmentId: 'le-9' } }]);
  });

  it("is refused for another primary's RAM user and for a primary account", () => {
    spec.given(protectedRamUser()).when(reset('primary-2')).thenThrows('NOT_PERMITTED');
    spec.given(totpProtected()).when(reset()).thenThrows('NOT_PERMITTED');
  });
});
