import { Injectable } from '@nestjs/common';
import { AccountEvent } from '@identity/domain';
import { SessionTokens } from '@identity/security';
import { LoginStatusEnum, VerificationMethodEnum } from '../../graphql/graphql-enums';
import { ChallengeIds } from './challenge-id';
import { LoginPayload } from './login.model';

/** Turns the events of a logon step into what the client gets: a session, or a challenge. */
@Injectable()
export class LoginResultFactory {
  constructor(
    private readonly tokens: SessionTokens,
    private readonly challengeIds: ChallengeIds,
  ) {}

  fromEvents(accountId: string, events: AccountEvent[]): LoginPayload {
    for (const event of events) {
      if (event.type === 'LoginSucceeded') {
        // Issued as of the logon, so the token expires when its session does (both SESSION_TTL_SECONDS later).
        const { token, expiresAt } = this.tokens.issue({ accountId, sessionId: event.data.sessionId, now: new Date(event.data.at) });
        return { status: LoginStatusEnum.SUCCEEDED, session: { token, accountId, expiresAt }, challenge: null };
      }
      if (event.type === 'MfaChallengeIssued') {
        return {
          status: LoginStatusEnum.MFA_REQUIRED,
          session: null,
          challenge: {
            challengeId: this.challengeIds.encode(accountId, event.data.challengeId),
            methods: [event.data.method as VerificationMethodEnum],
            expiresAt: new Date(event.data.expiresAt),
          },
        };
      }
    }
    throw new Error('a logon step ended with neither a session nor a challenge');
  }
}
