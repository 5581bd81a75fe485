import { renderQrDataUrl } from './qr-code.renderer';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('renderQrDataUrl', () => {
  const uri = 'otpauth://totp/Acme:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Acme&algorithm=SHA1&digits=6&period=30';

  it('returns a base64 PNG data URL whose bytes are a square PNG image', async () => {
    const url = await renderQrDataUrl(uri);
    expect(url.startsWith('data:image/png;base64,')).toBe(true);
    const png = Buffer.from(url.slice('data:image/png;base64,'.length), 'base64');
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    // The first chunk is IHDR: length (4 bytes), type, then width and height (big-endian).
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect(width).toBeGreaterThan(100);
    expect(height).toBe(width);
  });

  it('draws different images for different texts', async () => {
    expect(await renderQrDataUrl(`${uri}x`)).not.toBe(await renderQrDataUrl(uri));
  });

  it('refuses empty text', async () => {
    await expect(renderQrDataUrl('')).rejects.toThrow(TypeError);
  });
});
