import { ProtectionSceneEnum, VerificationChannelEnum, VerificationMethodEnum, VerificationPurposeEnum } from '../../graphql/graphql-enums';
import { EnableProtectionCommand } from '../enable-protection/enable-protection.command';
import { RequestVerificationCommand } from '../request-verification/request-verification.command';
import { codeNow, Person, protectedWithTotp, registered, verifiedFor } from '../testing/account-flows';
import { refusalOf, startUseCases, UseCases } from '../testing/account-use-cases';
import { VerifyIdentityCommand } from '../verify-identity/verify-identity.command';
import { BindTotpCommand } from '../bind-totp/bind-totp.command';
import { BeginTotpBindingCommand } from './begin-totp-binding.command';

describe('beginTotpBinding, in process', () => {
  let uc: UseCases;
  beforeEach(async () => {
    uc = await startUseCases();
  });
  afterEach(() => uc.close());

  const begin = (person: Person, verificationId: string, name?: string) =>
    uc.commands.execute(new BeginTotpBindingCommand({ verificationId, ...(name === undefined ? {} : { name }) }, person.context));

  /** requestVerification(ADD_AUTHENTICATOR) by SMS and verifyIdentity: the verification id. */
  async function verifiedToAdd(person: Person): Promise<string> {
    const { verification } = await uc.commands.execute(
      new RequestVerificationCommand(
        { verifyBy: VerificationChannelEnum.SMS, purpose: VerificationPurposeEnum.ADD_AUTHENTICATOR },
        person.context,
      ),
    );
    const code = uc.delivery.lastCode('IDENTITY_VERIFICATION');
    await uc.commands.execute(new VerifyIdentityCommand({ verificationId: verification.verificationId, code }, person.context));
    return verification.verificationId;
  }

  it('answers a fresh secret, its key URI and a QR code, after verifyIdentity', async () => {
    const person = await registered(uc);
    const enrollment = await begin(person, await verifiedFor(uc, person, VerificationMethodEnum.TOTP));
    expect(enrollment).toMatchObject({ secret: expect.stringMatching(/^[A-Z2-7]{32}$/), algorithm: 'SHA1', digits: 6, period: 30 });
    expect(enrollment.otpauthUri).toContain(`secret=${enrollment.secret}`);
  });

  it('refuses a verification that was never started: VERIFICATION_REQUIRED', async () => {
    const person = await registered(uc);
    expect(await refusalOf(begin(person, 'no-such-verification'))).toEqual({ code: 'VERIFICATION_REQUIRED' });
  });

  it('refuses a verification not yet verified: VERIFICATION_REQUIRED', async () => {
    const person = await registered(uc);
    const { verification } = await uc.commands.execute(
      new EnableProtectionCommand(
        { scenes: [ProtectionSceneEnum.LOGON], method: VerificationMethodEnum.TOTP, verifyBy: VerificationChannelEnum.SMS },
        person.context,
      ),
    );
    expect(await refusalOf(begin(person, verification.verificationId))).toEqual({ code: 'VERIFICATION_REQUIRED' });
  });

  it('refuses a verification for SMS protection: VERIFICATION_REQUIRED', async () => {
    const person = await registered(uc);
    expect(await refusalOf(begin(person, await verifiedFor(uc, person, VerificationMethodEnum.SMS)))).toEqual({
      code: 'VERIFICATION_REQUIRED',
    });
  });

  it('refuses a verification whose window has passed: VERIFICATION_REQUIRED', async () => {
    const person = await registered(uc);
    const verificationId = await verifiedFor(uc, person, VerificationMethodEnum.TOTP);
    uc.clock.advanceSeconds(601);
    expect(await refusalOf(begin(person, verificationId))).toEqual({ code: 'VERIFICATION_REQUIRED' });
  });

  it('refuses ADD_AUTHENTICATOR for the first device: VERIFICATION_REQUIRED', async () => {
    const person = await registered(uc);
    expect(await refusalOf(begin(person, await verifiedToAdd(person)))).toEqual({ code: 'VERIFICATION_REQUIRED' });
  });

  it('refuses a blank name: BAD_USER_INPUT on name', async () => {
    const person = await registered(uc);
    expect(await refusalOf(begin(person, await verifiedFor(uc, person, VerificationMethodEnum.TOTP), '   '))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'name',
    });
  });

  it('adds named devices after ADD_AUTHENTICATOR, up to 8; the 9th is AUTHENTICATOR_LIMIT_REACHED', async () => {
    const person = await registered(uc);
    await protectedWithTotp(uc, person);
    for (let n = 2; n <= 8; n++) {
      const { enrollmentId, secret } = await begin(person, await verifiedToAdd(person), `device ${n}`);
      const { security } = await uc.commands.execute(new BindTotpCommand({ enrollmentId, code: codeNow(uc, secret) }, person.context));
      expect(security.authenticators.at(-1)?.name).toBe(`device ${n}`);
    }
    expect(await refusalOf(begin(person, await verifiedToAdd(person), 'device 9'))).toEqual({ code: 'AUTHENTICATOR_LIMIT_REACHED' });
  });
});
