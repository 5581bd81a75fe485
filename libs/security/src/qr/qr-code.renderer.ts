import { toDataURL } from 'qrcode';

/**
 * A QR code of `text` (e.g. an otpauth:// URI) as a `data:image/png;base64,…` URL, ready for an
 * <img src>. Error correction M tolerates a little damage without making the code dense.
 */
export async function renderQrDataUrl(text: string): Promise<string> {
  if (text.length === 0) throw new TypeError('renderQrDataUrl: empty text');
  return toDataURL(text, { type: 'image/png', errorCorrectionLevel: 'M', margin: 2, scale: 6 });
}
