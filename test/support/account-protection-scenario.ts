import { startAppForSuite } from './app-for-suite';
import { bindTotp, Channel, completeLogin, enableProtection, login, me, send, verifyIdentity } from './flow';
import { expectError } from './graphql-client';
import {
  beginBindingTotp,
  otherCode,
  protectWithTotp,
  RegisteredAccount,
  registerAndLogin,
  startEnablingProtection,
} from './protected-account';
import { decodeBase32, TotpAuthenticator } from './totp';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The seed's acceptance flow as a client lives it, verifying the identity over `channel`:
 * enable LOGON protection with TOTP, verify by a delivered code, bind an authenticator, then log in
 * with a second factor; codes are wrong, right, and replayed.
 */
export function describeAccountProtection(channel: Channel): void {
  describe(`account protection with TOTP, identity verified by ${channel}`, () => {
    const suite = startAppForSuite();
    const destinationOf = (account: RegisteredAccount) => (channel === 'SMS' ? account.phone : account.email);

    it('registers with phone and email and logs in without a second factor', async () => {
      const account = await registerAndLogin(suite.api);
      const again = await login(suite.api, { loginName: account.loginName, password: account.password });
      expect(again).toMatchObject({ status: 'SUCCEEDED', session: { token: expect.any(String), accountId: account.accountId } });
      expect(again.challenge).toBeNull();
    });

    it(`enables protection and sends a code by ${channel} to a masked destination`, async () => {
      const account = await registerAndLogin(suite.api);
      const verification = await enableProtection(suite.api, account.token, { scenes: ['LOGON'], method: 'TOTP', verifyBy: channel });
      expect(verification).toMatchObject({ verificationId: expect.any(String), channel, maskedDestination: expect.any(String) });
      expect(Date.parse(verification.expiresAt)).toBeGreaterThan(Date.now());
      expect(verification.maskedDestination).not.toContain(destinationOf(account));
      if (channel === 'SMS') expect(verification.maskedDestination).not.toContain(account.phone.slice(2));
      expect(await suite.receivers.waitForCode(channel, destinationOf(account))).toMatch(/^\d{6}$/);
    });

    it('refuses a wrong verification code, then accepts the delivered one', async () => {
      const { verification, deliveredCode: code, ...account } = await startEnablingProtection(suite.api, suite.receivers, channel);
      expect(code).toMatch(/^\d{6}$/);
      const wrong = await send(
        suite.api,
        'verifyIdentity',
        { input: { verificationId: verification.verificationId, code: otherCode(code) } },
        account.token,
      );
      expectError(wrong, 'INVALID_CODE');
      const verified = await verifyIdentity(suite.api, account.token, { verificationId: verification.verificationId, code });
      expect(verified.verified).toBe(true);
      expect(verified.security.accountId).toBe(account.accountId);
    });

    it('begins a TOTP binding with a base32 secret, an otpauth URI and a QR code image', async () => {
      const { enrollment } = await beginBindingTotp(suite.api, suite.receivers, channel);
      expect(enrollment).toMatchObject({ enrollmentId: expect.any(String), algorithm: 'SHA1', digits: 6, period: 30 });
      expect(enrollment.secret).toMatch(/^[A-Z2-7]+=*$/);
      expect(decodeBase32(enrollment.secret).length).toBeGreaterThanOrEqual(16);
      const uri = enrollment.otpauthUri;
      expect(uri.startsWith('otpauth://totp/')).toBe(true);
      expect(uri).toContain(`secret=${enrollment.secret}`);
      const parsed = new URL(uri);
      expect(parsed.searchParams.get('issuer')).toEqual(expect.stringMatching(/\S/));
      expect(parsed.searchParams.get('algorithm')).toBe('SHA1');
      expect(parsed.searchParams.get('digits')).toBe('6');
      expect(parsed.searchParams.get('period')).toBe('30');
      expect(decodeURIComponent(parsed.pathname.replace(/^\//, ''))).toMatch(/\S/); // the account label
      expectQrImage(enrollment.qrCodeDataUrl);
      expect(Date.parse(enrollment.expiresAt)).toBeGreaterThan(Date.now());
    });

    it('binds the authenticator with a code computed from the secret', async () => {
      const { enrollment, ...account } = await beginBindingTotp(suite.api, suite.receivers, channel);
      const authenticator = new TotpAuthenticator(enrollment.secret);
      const { security } = await bindTotp(suite.api, account.token, {
        enrollmentId: enrollment.enrollmentId,
        code: await authenticator.nextCode(),
      });
      expect(security).toMatchObject({
        accountId: account.accountId,
        protectionEnabled: true,
        totpBound: true,
        scenes: ['LOGON'],
        method: 'TOTP',
        lockedUntil: null,
      });
      expect(Number.isNaN(Date.parse(security.totpBoundAt ?? ''))).toBe(false);
    });

    it('asks for the second factor at login, refuses a wrong code, accepts the right one once', async () => {
      const account = await protectWithTotp(suite.api, suite.receivers, channel);
      const { authenticator } = account;
      const first = await login(suite.api, { loginName: account.loginName, password: account.password });
      expect(first.status).toBe('MFA_REQUIRED');
      expect(first.session).toBeNull();
      expect(first.challenge?.methods).toContain('TOTP');
      const challengeId = first.challenge?.challengeId ?? '';
      expectError(await send(suite.api, 'completeLogin', { input: { challengeId, code: authenticator.wrongCode() } }), 'INVALID_CODE');

      const code = await authenticator.nextCode();
      const done = await completeLogin(suite.api, { challengeId, code });
      expect(done).toMatchObject({ status: 'SUCCEEDED', session: { token: expect.any(String), accountId: account.accountId } });
      const mine = await me(suite.api, done.session?.token ?? '');
      expect(mine).toMatchObject({ accountId: account.accountId, loginName: account.loginName, security: { totpBound: true } });

      const next = await login(suite.api, { loginName: account.loginName, password: account.password });
      expect(next.status).toBe('MFA_REQUIRED');
      const replay = await send(suite.api, 'completeLogin', { input: { challengeId: next.challenge?.challengeId, code } });
      expectError(replay, 'INVALID_CODE');
    });

    it('refuses the person operations without a valid token', async () => {
      const { verification, enrollment, ...account } = await beginBindingTotp(suite.api, suite.receivers, channel);
      const { verificationId } = verification;
      const { enrollmentId } = enrollment;
      for (const token of [undefined, 'not-a-session-token']) {
        expectError(await send(suite.api, 'me', {}, token), 'UNAUTHENTICATED');
        const enable = { input: { scenes: ['LOGON'], method: 'TOTP', verifyBy: channel } };
        expectError(await send(suite.api, 'enableProtection', enable, token), 'UNAUTHENTICATED');
        expectError(await send(suite.api, 'verifyIdentity', { input: { verificationId, code: '123456' } }, token), 'UNAUTHENTICATED');
        expectError(await send(suite.api, 'beginTotpBinding', { input: { verificationId } }, token), 'UNAUTHENTICATED');
        expectError(await send(suite.api, 'bindTotp', { input: { enrollmentId, code: '123456' } }, token), 'UNAUTHENTICATED');
        expectError(await send(suite.api, 'accountSecurity', { accountId: account.accountId }, token), 'UNAUTHENTICATED');
      }
    });
  });
}

/** A PNG (by its signature) or SVG QR code as a data URL. */
function expectQrImage(dataUrl: string): void {
  const [, pngBase64] = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(dataUrl) ?? [];
  if (pngBase64 !== undefined) {
    expect(Buffer.from(pngBase64, 'base64').subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    return;
  }
  expect(dataUrl.startsWith('data:image/svg+xml')).toBe(true);
  const comma = dataUrl.indexOf(',');
  const header = dataUrl.slice(0, comma);
  const payload = dataUrl.slice(comma + 1);
  const svg = header.endsWith(';base64') ? Buffer.from(payload, 'base64').toString('utf8') : decodeURIComponent(payload);
  expect(svg).toContain('<svg');
}
