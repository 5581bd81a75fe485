import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CodeHasher, PasswordHasher } from '@identity/security';
import { apiError } from '../../graphql/api-error';
import { RateLimits } from '../../rate-limits/rate-limits.service';
import { AccountCommandRunner } from '../account-command-runner';
import { addressKeyOf } from '../address-key';
import { CodeDispatch } from '../code-dispatch';
import { PasswordChangeTickets } from '../login/challenge-id';
import { LoginPayload } from '../login/login.model';
import { LoginResultFactory } from '../login/login-result';
import { GoverningPreference } from '../logon-aids/governing-preference';
import { LogonStepFacts, PreparedLogonStep } from '../logon-aids/logon-step-facts';
import { CompletePasswordChangeCommand } from './complete-password-change.command';

const badTicket = () => apiError('BAD_USER_INPUT', 'ticket: unknown, used or expired: log on again', { field: 'ticket' });

/**
 * After PASSWORD_CHANGE_REQUIRED (public): the signed ticket names the account and the logon that
 * proved the old password; the new one must be acceptable and differ from it. Then the logon goes
 * on as `login` would: an enrollment, a challenge (its code sent), or a session.
 */
@CommandHandler(CompletePasswordChangeCommand)
export class CompletePasswordChangeHandler implements ICommandHandler<CompletePasswordChangeCommand> {
  constructor(
    private readonly rateLimits: RateLimits,
    private readonly accounts: AccountCommandRunner,
    private readonly passwords: PasswordHasher,
    private readonly codes: CodeHasher,
    private readonly tickets: PasswordChangeTickets,
    private readonly preference: GoverningPreference,
    private readonly steps: LogonStepFacts,
    private readonly dispatch: CodeDispatch,
    private readonly results: LoginResultFactory,
  ) {}

  async execute({ input, context }: CompletePasswordChangeCommand): Promise<LoginPayload> {
    await this.rateLimits.consume(['logon-address', context.meta.ip]);
    const reference = this.tickets.decodeReference(input.ticket);
    if (!reference) throw badTicket();
    const { accountId, referenceId: ticketId } = reference;
    await this.rateLimits.consume(['attempts-account', accountId]);
    const before = await this.accounts.load(accountId);
    if (!before.exists || before.erased || !before.passwordChangeTickets[ticketId]) throw badTicket();
    if (before.passwordHash !== null && (await this.passwords.verify(before.passwordHash, input.newPassword))) {
      throw apiError('BAD_USER_INPUT', 'newPassword must differ from the current password', { field: 'newPassword' });
    }
    const newPasswordHash = await this.passwords.hash(input.newPassword);
    const preference = await this.preference.of(before);
    const addressKey = addressKeyOf(this.codes, context.meta.ip);
    let step: PreparedLogonStep | null = null;
    const write = await this.accounts.run(accountId, context, (state, now) => {
      step = this.steps.prepare(accountId, state, preference, null);
      return { type: 'CompletePasswordChange', now, ticketId, newPasswordHash, addressKey, ...step.facts };
    });
    const prepared = step as PreparedLogonStep | null;
    const challenge = write.events.find((e) => e.type === 'MfaChallengeIssued');
    if (challenge?.type === 'MfaChallengeIssued' && prepared?.code && challenge.data.method !== 'TOTP') {
      const expiresAt = new Date(challenge.data.expiresAt);
      await this.dispatch.send(accountId, write.state, challenge.data.method, prepared.code, 'LOGIN', expiresAt, context.meta.ip);
    }
    return this.results.fromEvents(accountId, write.events, prepared?.reveals);
  }
}
