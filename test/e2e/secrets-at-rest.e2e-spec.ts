import { randomBytes } from 'node:crypto';
import { AppProcess } from '../support/app-process';
import { encodingsOf, findNeedles, Needle, readFilesUnder, textNeedle } from '../support/byte-scan';
import { DeliveryReceivers } from '../support/delivery-receivers';
import { Api, Channel, completeLogin, login, me } from '../support/flow';
import { ProtectedAccount, protectWithTotp } from '../support/protected-account';
import { decodeBase32 } from '../support/totp';
import { defined } from '@identity/testing';

/** Every form in which this account's secrets could leak. */
function secretsOf(account: ProtectedAccount, name: string): { totp: Needle[]; personal: Needle[] } {
  const secret = account.enrollment.secret.replace(/=+$/, '');
  const totp = [
    textNeedle(`${name}: TOTP secret (base32)`, secret),
    textNeedle(`${name}: TOTP secret (base32, lower case)`, secret.toLowerCase()),
    ...encodingsOf(`${name}: TOTP secret`, decodeBase32(secret)),
  ];
  const personal = [
    textNeedle(`${name}: password`, account.password),
    textNeedle(`${name}: phone (national digits)`, account.phone.slice(2)),
    textNeedle(`${name}: email`, account.email),
    textNeedle(`${name}: email local part`, defined(account.email.split('@')[0])),
  ];
  return { totp, personal };
}

// Secrets, passwords and personal data are stored only encrypted or hashed, and are never logged.
describe('secrets at rest and in the log', () => {
  let receivers: DeliveryReceivers;
  let app: AppProcess;
  const api: Api = { graphqlUrl: '', transcript: [] };
  const accounts: ProtectedAccount[] = [];

  beforeAll(async () => {
    receivers = await DeliveryReceivers.start();
    // Real SMS and SMTP delivery, so that the development log delivery (which prints destinations) is off.
    app = await AppProcess.start({ ...receivers.appOptions, masterKey: randomBytes(32).toString('base64') });
    api.graphqlUrl = app.graphqlUrl;
    for (const channel of ['SMS', 'EMAIL'] as Channel[]) {
      const account = await protectWithTotp(api, receivers, channel);
      const started = await login(api, { loginName: account.loginName, password: account.password });
      const done = await completeLogin(api, {
        challengeId: started.challenge?.challengeId ?? '',
        code: await account.authenticator.nextCode(),
      });
      expect(done.status).toBe('SUCCEEDED');
      expect(await me(api, done.session?.token ?? '')).toMatchObject({ security: { totpBound: true } });
      accounts.push(account);
    }
    await app.stop();
  });
  afterAll(async () => {
    await app?.dispose();
    await receivers?.close();
  });

  it('stores no TOTP secret, password, phone or email in plain form anywhere under DATA_DIR', () => {
    const files = readFilesUnder(app.dataDir);
    expect(files.length).toBeGreaterThan(0);
    // The scan does see the stored data: account ids are not secret and are stored as they are.
    for (const account of accounts) expect(findNeedles(files, [textNeedle('account id', account.accountId)])).not.toEqual([]);

    const needles = accounts.flatMap((account, i) => Object.values(secretsOf(account, `account ${i + 1}`)).flat());
    expect(findNeedles(files, needles)).toEqual([]);
  });

  it('writes no TOTP secret, password, phone or email to the server log', () => {
    const log = { name: 'server log', bytes: app.logBytes() };
    const needles = accounts.flatMap((account, i) => Object.values(secretsOf(account, `account ${i + 1}`)).flat());
    expect(findNeedles([log], needles)).toEqual([]);
  });

  it('returns the TOTP secret in beginTotpBinding only, and passwords and destinations never', () => {
    const transcript = api.transcript ?? [];
    expect(transcript.filter((exchange) => exchange.operation === 'beginTotpBinding')).toHaveLength(accounts.length);
    const labelled = transcript.map((exchange, i) => ({
      operation: exchange.operation,
      answer: { name: `answer ${i + 1} (${exchange.operation})`, bytes: Buffer.from(exchange.text) },
    }));
    const answers = labelled.map(({ answer }) => answer);
    const binding = labelled.filter(({ operation }) => operation === 'beginTotpBinding').map(({ answer }) => answer);
    const others = labelled.filter(({ operation }) => operation !== 'beginTotpBinding').map(({ answer }) => answer);
    expect(others.length).toBeGreaterThan(10);

    const secrets = accounts.map((account, i) => secretsOf(account, `account ${i + 1}`));
    expect(
      findNeedles(
        others,
        secrets.flatMap((s) => s.totp),
      ),
    ).toEqual([]);
    expect(
      findNeedles(
        answers,
        secrets.flatMap((s) => s.personal),
      ),
    ).toEqual([]);
    // The binding answers do carry their secret (so the search above can find one).
    secrets.forEach((s, i) => expect(findNeedles([defined(binding[i])], [defined(s.totp[0])])).toHaveLength(1));
  });
});
