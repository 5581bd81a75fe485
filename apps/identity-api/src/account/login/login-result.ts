import { Injectable } from '@nestjs/common';
import { AccountEvent } from '@identity/domain';
import { SessionTokens } from '@identity/security';
import { LoginStatusEnum, VerificationMethodEnum } from '../../graphql/graphql-enums';
import { TotpEnrollmentView } from '../logon-aids/totp-enrollment-view';
import { ChallengeIds, LogonEnrollmentIds, PasswordChangeTickets } from './challenge-id';
import { LoginPayload } from './login.model';

/** What only the handler knows in the clear, shown once with the answer: never in an event. */
export interface LogonReveals {
  /** The forced enrollment's secret, and the label the authenticator app shows for it. */
  enrollment?: { secret: string; accountLabel: string } | null;
  /** The token of a device the step remembered. */
  rememberedDeviceToken?: string | null;
}

/** Turns the events of a logon step into what the client gets: a session, a challenge, an enrollment or a password ticket. */
@Injectable()
export class LoginResultFactory {
  constructor(
    private readonly tokens: SessionTokens,
    private readonly challengeIds: ChallengeIds,
    private readonly enrollmentIds: LogonEnrollmentIds,
    private readonly tickets: PasswordChangeTickets,
    private readonly enrollmentView: TotpEnrollmentView,
  ) {}

  async fromEvents(accountId: string, events: AccountEvent[], reveals: LogonReveals = {}): Promise<LoginPayload> {
    const none = { session: null, challenge: null, enrollment: null, passwordChange: null, rememberedDevice: null };
    for (const event of events) {
      if (event.type === 'LoginSucceeded') {
        // Issued as of the logon, so the token expires when its session does (both SESSION_TTL_SECONDS later).
        const { token, expiresAt } = this.tokens.issue({ accountId, sessionId: event.data.sessionId, now: new Date(event.data.at) });
        const remembered = events.find((e) => e.type === 'DeviceRemembered');
        const rememberedDevice =
          remembered?.type === 'DeviceRemembered' && reveals.rememberedDeviceToken
            ? { token: reveals.rememberedDeviceToken, expiresAt: new Date(remembered.data.expiresAt) }
            : null;
        return { ...none, status: LoginStatusEnum.SUCCEEDED, session: { token, accountId, expiresAt }, rememberedDevice };
      }
      if (event.type === 'MfaChallengeIssued') {
        const challengeId = this.challengeIds.encode(accountId, event.data.challengeId);
        const challenge = {
          challengeId,
          methods: [event.data.method as VerificationMethodEnum],
          expiresAt: new Date(event.data.expiresAt),
        };
        return { ...none, status: LoginStatusEnum.MFA_REQUIRED, challenge };
      }
      if (event.type === 'LogonEnrollmentStarted' && reveals.enrollment) {
        const enrollmentId = this.enrollmentIds.encode(accountId, event.data.enrollmentId);
        const { secret, accountLabel } = reveals.enrollment;
        const enrollment = await this.enrollmentView.of({ enrollmentId, secret, accountLabel, expiresAt: event.data.expiresAt });
        return { ...none, status: LoginStatusEnum.MFA_ENROLLMENT_REQUIRED, enrollment };
      }
      if (event.type === 'PasswordChangeTicketIssued') {
        const passwordChange = { ticket: this.tickets.encode(accountId, event.data.ticketId), expiresAt: new Date(event.data.expiresAt) };
        return { ...none, status: LoginStatusEnum.PASSWORD_CHANGE_REQUIRED, passwordChange };
      }
    }
    throw new Error('a logon step ended with neither a session, a challenge, an enrollment nor a password ticket');
  }
}
