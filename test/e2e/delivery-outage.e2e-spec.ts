import { startAppForSuite } from '../support/app-for-suite';
import { send } from '../support/flow';
import { errorCodes, GqlResponse } from '../support/graphql-client';
import { detailedHealth } from '../support/health-client';
import { eventually } from '../support/polling';
import { registerAndLogin, RegisteredAccount } from '../support/protected-account';
import { TcpProxy } from '../support/tcp-proxy';

interface Health {
  status: string;
  dependencies: { name: string; up: boolean; detail?: string }[];
}

const CLIENTS = 6;

/**
 * Issue 13, item 1, for the code providers: an SMS gateway that fails and an SMTP server that hangs,
 * under load. Every request is answered DELIVERY_FAILED with retryAfter (at once, once the channel is
 * taken as down, rather than after the provider's timeout); /health names the channel (degraded, not
 * 503: every instance shares the provider, and logons without a code still work); one log line per
 * change of state; and codes go out again by themselves once the provider is back.
 */
describe('SMS and SMTP providers failing under load', () => {
  let smtpProxy: TcpProxy;
  const suite = startAppForSuite(() => ({
    env: {
      RATE_LIMIT_REGISTRATION_PER_ADDRESS: '1000000/60',
      RATE_LIMIT_CODE_SENDS_PER_ADDRESS: '1000000/60',
      RATE_LIMIT_CODE_SENDS_PER_ACCOUNT: '1000000/60',
      CODES_PER_DESTINATION_PER_DAY: '10000',
      RATE_LIMIT_VERIFICATION_PER_ADDRESS: '1000000/60',
    },
  }));
  let accounts: RegisteredAccount[];
  beforeAll(async () => {
    // SMTP_URL through a proxy that can hang; the receivers' own SMS webhook can fail on demand.
    const smtp = new URL(suite.receivers.appOptions.smtpUrl ?? '');
    smtpProxy = await TcpProxy.start({ host: smtp.hostname, port: Number(smtp.port) });
    smtp.port = String(smtpProxy.port);
    suite.app.env.SMTP_URL = smtp.toString();
    await suite.app.restart();
    accounts = await Promise.all(Array.from({ length: CLIENTS }, () => registerAndLogin(suite.api)));
  });
  afterAll(() => smtpProxy?.close());

  const askForCode = (account: RegisteredAccount, verifyBy: 'SMS' | 'EMAIL') =>
    send(suite.api, 'enableProtection', { input: { scenes: ['LOGON'], method: 'TOTP', verifyBy } }, account.token);
  const health = () => detailedHealth<Health>(suite.app);
  const linesWith = (text: string) =>
    suite.app
      .log()
      .split('\n')
      .filter((line) => line.includes(text)).length;
  /** The lines with `text` once one has arrived: the app's log comes through a pipe, after its answers. */
  const loggedLinesWith = (text: string) =>
    eventually(
      async () => linesWith(text),
      (count) => count > 0,
      5_000,
    );

  /** Two rounds of every client asking for a code at once: each answer is DELIVERY_FAILED with a retryAfter. */
  async function expectRefusedUnderLoad(verifyBy: 'SMS' | 'EMAIL'): Promise<void> {
    for (let round = 0; round < 2; round += 1) {
      const answers: GqlResponse[] = await Promise.all(accounts.map((account) => askForCode(account, verifyBy)));
      for (const answer of answers) {
        expect(errorCodes(answer)).toEqual(['DELIVERY_FAILED']);
        expect(answer.body.errors?.[0]?.extensions?.retryAfter).toEqual(expect.any(Number));
      }
    }
    const degraded = await health();
    expect(degraded).toMatchObject({ status: 200, body: { status: 'degraded' } });
    const channel = verifyBy === 'SMS' ? 'delivery (sms)' : 'delivery (email)';
    expect(degraded.body.dependencies).toContainEqual(expect.objectContaining({ name: channel, up: false }));
    expect(await loggedLinesWith(`${channel} is down`)).toBe(1);
  }

  /** Asks again as told by retryAfter until a code goes out; then the channel is up again. */
  async function expectBackBySelf(verifyBy: 'SMS' | 'EMAIL'): Promise<void> {
    const [account] = accounts;
    if (!account) throw new Error('no account');
    const sent = await eventually(
      () => askForCode(account, verifyBy),
      (answer) => answer.body.errors === undefined,
      25_000,
    );
    expect(sent.body.errors).toBeUndefined();
    expect((await health()).body).toMatchObject({ status: 'up' });
    expect(await loggedLinesWith(`delivery (${verifyBy === 'SMS' ? 'sms' : 'email'}) is back`)).toBe(1);
  }

  it('answers every request while the SMS gateway fails, and sends again once it is back', async () => {
    suite.receivers.sms.respondWith(500);
    await expectRefusedUnderLoad('SMS');
    suite.receivers.sms.respondWith(204);
    await expectBackBySelf('SMS');
  });

  it('answers every request while the SMTP server hangs, and sends again once it answers', async () => {
    smtpProxy.stall(true);
    await expectRefusedUnderLoad('EMAIL');
    smtpProxy.stall(false);
    await smtpProxy.cut(); // the hung connections are dropped; new ones reach the server
    await smtpProxy.restore();
    await expectBackBySelf('EMAIL');
  });
});
