import * as security from './index';

describe('@identity/security public API', () => {
  it('exports every building block', () => {
    for (const name of [
      'generateTotpSecret',
      'totpKeyUri',
      'matchTotpStep',
      'matchConsecutiveTotpSteps',
      'RecoveryCodeHasher',
      'generateRecoveryCode',
      'totpCodeAt',
      'renderQrDataUrl',
      'PasswordHasher',
      'loadMasterKey',
      'SqliteKeyStore',
      'InMemoryKeyStore',
      'SecretBox',
      'SecretUnavailableError',
      'generateNumericCode',
      'CodeHasher',
      'deriveKey',
      'constantTimeEqual',
      'SessionTokens',
      'generateApiKey',
      'parseApiKey',
      'hashApiKeySecret',
      'maskPhone',
      'maskEmail',
    ]) {
      expect(typeof (security as Record<string, unknown>)[name]).toBe('function');
    }
  });

  it('wires together: a TOTP secret sealed per account opens and matches its own code', () => {
    const masterKey = Buffer.alloc(32, 7);
    const box = new security.SecretBox(masterKey, new security.InMemoryKeyStore());
    const secret = security.generateTotpSecret();
    const sealed = box.encrypt('acc-1', secret);
    const at = new Date('2030-01-01T00:00:10Z');
    const code = security.totpCodeAt(box.decrypt('acc-1', sealed), at);
    expect(security.matchTotpStep({ secret: box.decrypt('acc-1', sealed), code, at })).toBe(security.totpStepAt(at));
  });
});
