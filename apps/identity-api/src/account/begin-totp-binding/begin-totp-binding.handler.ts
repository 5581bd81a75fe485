import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { generateTotpSecret, SecretBox } from '@identity/security';
import { AccountCommandRunner } from '../account-command-runner';
import { GoverningPreference } from '../logon-aids/governing-preference';
import { TotpEnrollmentView } from '../logon-aids/totp-enrollment-view';
import { BeginTotpBindingCommand } from './begin-totp-binding.command';
import { TotpEnrollment } from './begin-totp-binding.input';
import { RateLimits } from '../../rate-limits/rate-limits.service';

/** A fresh TOTP secret, stored only encrypted, shown to the person once (as text, URI and QR code). */
@CommandHandler(BeginTotpBindingCommand)
export class BeginTotpBindingHandler implements ICommandHandler<BeginTotpBindingCommand> {
  constructor(
    private readonly rateLimits: RateLimits,
    private readonly accounts: AccountCommandRunner,
    private readonly secrets: SecretBox,
    private readonly enrollmentView: TotpEnrollmentView,
    private readonly preference: GoverningPreference,
  ) {}

  async execute({ input, context }: BeginTotpBindingCommand): Promise<TotpEnrollment> {
    const { accountId } = context.principal;
    await this.preference.requireOwnDeviceManagement(accountId);
    await this.rateLimits.consume(['verification-address', context.meta.ip], ['attempts-account', accountId]);
    const secret = generateTotpSecret();
    const write = await this.accounts.run(accountId, context, (_state, now) => ({
      type: 'BeginTotpBinding',
      now,
      sessionId: context.principal.sessionId,
      verificationId: input.verificationId,
      enrollmentId: randomUUID(),
      name: input.name ?? null,
      secret: this.secrets.encrypt(accountId, secret),
    }));
    const started = write.events.find((e) => e.type === 'TotpEnrollmentStarted');
    if (started?.type !== 'TotpEnrollmentStarted') throw new Error('beginTotpBinding recorded no enrollment');
    const { enrollmentId, expiresAt } = started.data;
    return this.enrollmentView.of({ enrollmentId, secret, accountLabel: write.state.loginName ?? accountId, expiresAt });
  }
}
