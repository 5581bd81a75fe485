import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@identity/config';
import { totpKeyUri } from '@identity/security';
import { TotpEnrollment } from '../begin-totp-binding/begin-totp-binding.input';
import { TOTP_QR_CODE, TotpQrCode } from '../begin-totp-binding/totp-qr-code';

/** A new authenticator secret as the person sees it once: text, key URI and QR code (beginTotpBinding, forced enrollment). */
@Injectable()
export class TotpEnrollmentView {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(TOTP_QR_CODE) private readonly qrCode: TotpQrCode,
  ) {}

  async of(enrollment: { enrollmentId: string; secret: string; accountLabel: string; expiresAt: string }): Promise<TotpEnrollment> {
    const { enrollmentId, secret, accountLabel, expiresAt } = enrollment;
    const otpauthUri = totpKeyUri({ secret, accountLabel, issuer: this.config.totpIssuer });
    return {
      enrollmentId,
      secret,
      otpauthUri,
      qrCodeDataUrl: await this.qrCode(otpauthUri),
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      expiresAt: new Date(expiresAt),
    };
  }
}
