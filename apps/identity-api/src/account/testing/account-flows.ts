import { randomBytes } from 'node:crypto';
import { totpCodeAt } from '@identity/security';
import { PersonContext } from '../../auth/principal';
import { ProtectionSceneEnum, VerificationChannelEnum, VerificationMethodEnum } from '../../graphql/graphql-enums';
import { BeginTotpBindingCommand } from '../begin-totp-binding/begin-totp-binding.command';
import { BindTotpCommand } from '../bind-totp/bind-totp.command';
import { EnableProtectionCommand } from '../enable-protection/enable-protection.command';
import { LoginCommand } from '../login/login.command';
import { LoginPayload } from '../login/login.model';
import { RegisterAccountCommand } from '../register-account/register-account.command';
import { VerifyIdentityCommand } from '../verify-identity/verify-identity.command';
import { anonymous, personOf, refusalOf, UseCases } from './account-use-cases';

/** The steps the use-case specs share, through the command bus as the resolvers send them. */
export interface Person {
  accountId: string;
  loginName: string;
  password: string;
  context: PersonContext;
}

export async function registered(
  uc: UseCases,
  contacts: { phone?: string; email?: string } = { phone: '+15550100200', email: 'ada@example.test' },
): Promise<Person> {
  const loginName = `ada.${randomBytes(4).toString('hex')}`;
  const password = 'correct horse battery staple';
  const { accountId } = await uc.commands.execute(new RegisterAccountCommand({ loginName, password, ...contacts }, anonymous()));
  return { accountId, loginName, password, context: personOf(accountId) };
}

export function login(uc: UseCases, person: Pick<Person, 'loginName' | 'password'>, password = person.password): Promise<LoginPayload> {
  return uc.commands.execute(new LoginCommand({ loginName: person.loginName, password }, anonymous()));
}

/** enableProtection(LOGON, method) by SMS, then verifyIdentity with the delivered code: the verification id. */
export async function verifiedFor(uc: UseCases, person: Person, method: VerificationMethodEnum): Promise<string> {
  const { verification } = await uc.commands.execute(
    new EnableProtectionCommand({ scenes: [ProtectionSceneEnum.LOGON], method, verifyBy: VerificationChannelEnum.SMS }, person.context),
  );
  const code = uc.delivery.lastCode('IDENTITY_VERIFICATION');
  await uc.commands.execute(new VerifyIdentityCommand({ verificationId: verification.verificationId, code }, person.context));
  return verification.verificationId;
}

/** A started TOTP enrollment: the secret the handler returned, as an authenticator app would hold it. */
export async function enrolled(uc: UseCases, person: Person): Promise<{ enrollmentId: string; secret: string }> {
  const verificationId = await verifiedFor(uc, person, VerificationMethodEnum.TOTP);
  const { enrollmentId, secret } = await uc.commands.execute(new BeginTotpBindingCommand({ verificationId }, person.context));
  return { enrollmentId, secret };
}

/** TOTP protection on LOGON, bound with the code of the current step; the clock then moves to the next step. */
export async function protectedWithTotp(uc: UseCases, person: Person): Promise<string> {
  const { enrollmentId, secret } = await enrolled(uc, person);
  await uc.commands.execute(new BindTotpCommand({ enrollmentId, code: codeNow(uc, secret) }, person.context));
  uc.clock.advanceSeconds(30);
  return secret;
}

/** login with the right password on a protected account: the challenge id for completeLogin. */
export async function challenged(uc: UseCases, person: Person): Promise<string> {
  const answer = await login(uc, person);
  if (!answer.challenge) throw new Error(`login answered ${answer.status}, not a challenge`);
  return answer.challenge.challengeId;
}

export const codeNow = (uc: UseCases, secret: string): string => totpCodeAt(secret, uc.clock.now());

/** A six-digit code other than `code`. */
export const otherCode = (code: string): string => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

/** Runs a refused attempt `times` times (the lockout threshold, by default 5): the last one locks the account. */
export async function refusedTimes(times: number, attempt: () => Promise<unknown>): Promise<Array<{ code: string }>> {
  const answers = [];
  for (let i = 0; i < times; i++) answers.push(await refusalOf(attempt()));
  return answers;
}
