import { renderQrDataUrl } from '@identity/security';

/** Renders the key URI as a QR code data URL; a provider, so that in-process specs can skip the PNG work. */
export type TotpQrCode = (otpauthUri: string) => Promise<string>;

export const TOTP_QR_CODE = Symbol('TOTP_QR_CODE');

export const totpQrCodeProvider = { provide: TOTP_QR_CODE, useValue: renderQrDataUrl satisfies TotpQrCode };
