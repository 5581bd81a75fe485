import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { generateTotpSecret, SecretBox, totpKeyUri } from '@identity/security';
import { APP_CONFIG, AppConfig } from '@identity/config';
import { AccountCommandRunner } from '../account-command-runner';
import { BeginTotpBindingCommand } from './begin-totp-binding.command';
import { TotpEnrollment } from './begin-totp-binding.input';
import { TOTP_QR_CODE, TotpQrCode } from './totp-qr-code';
import { RateLimits } from '../../rate-limits/rate-limits.service';

/** A fresh TOTP secret, stored only encrypted, shown to the person once (as text, URI and QR code). */
@CommandHandler(BeginTotpBindingCommand)
export class BeginTotpBindingHandler implements ICommandHandler<BeginTotpBindingCommand> {
  constructor(
    private readonly rateLimits: RateLimits,
    private readonly accounts: AccountCommandRunner,
    private readonly secrets: SecretBox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(TOTP_QR_CODE) private readonly qrCode: TotpQrCode,
  ) {}

  async execute({ input, context }: BeginTotpBindingCommand): Promise<TotpEnrollment> {
    const { accountId } = context.principal;
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
    const otpauthUri = totpKeyUri({ secret, accountLabel: write.state.loginName ?? accountId, issuer: this.config.totpIssuer });
    return {
      enrollmentId: started.data.enrollmentId,
      secret,
      otpauthUri,
      qrCodeDataUrl: await this.qrCode(otpauthUri),
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      expiresAt: new Date(started.data.expiresAt),
    };
  }
}
