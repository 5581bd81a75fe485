import { SmtpReceiver } from '../../../../test/support/smtp-receiver';
import { CodeMessage, DeliveryFailedError } from './code-delivery.port';
import { DEFAULT_SMTP_FROM, SmtpCodeSender } from './smtp-code-sender';
import { defined } from '@identity/testing';

const EMAIL = 'ada@example.test';
const mail = (code: string, to = EMAIL): CodeMessage => ({
  channel: 'EMAIL',
  to,
  code,
  purpose: 'LOGIN',
  expiresAt: new Date(Date.now() + 5 * 60_000),
});

describe('SmtpCodeSender (real SMTP server)', () => {
  let receiver: SmtpReceiver;

  beforeEach(async () => {
    receiver = await SmtpReceiver.start();
  });
  afterEach(() => receiver.close());

  it('sends one plain-text message to the recipient with the code in the body', async () => {
    await new SmtpCodeSender({ url: receiver.smtpUrl, from: 'Security <security@example.test>' }).send(mail('604182'));

    expect(receiver.received).toHaveLength(1);
    const received = defined(receiver.received[0], 'the received mail');
    expect(received.to).toEqual([EMAIL]);
    expect(received.from).toBe('security@example.test');
    expect(received.subject).toBe('Your verification code');
    expect(received.text.trim()).toBe(
      'Your login code is 604182. It expires in 5 minutes. If you did not try to log in, someone may know your password: change it.',
    );
    expect(received.raw).toMatch(/^Content-Type: text\/plain/im);
    await expect(receiver.waitForCode(EMAIL)).resolves.toBe('604182');
  });

  it('uses the default sender address when SMTP_FROM is not given', async () => {
    expect(DEFAULT_SMTP_FROM).toBe('Identity <no-reply@localhost>');
    await new SmtpCodeSender({ url: receiver.smtpUrl }).send(mail('310775'));
    expect(receiver.received[0]?.from).toBe('no-reply@localhost');
    expect(receiver.received[0]?.raw).toMatch(/^From: Identity <no-reply@localhost>/im);
  });

  it('fails with DeliveryFailedError, without the code or the address, when the recipient is rejected', async () => {
    receiver.rejectRecipient(EMAIL);

    const error = await new SmtpCodeSender({ url: receiver.smtpUrl }).send(mail('845530')).then(
      () => undefined,
      (reason: unknown) => reason,
    );

    expect(error).toBeInstanceOf(DeliveryFailedError);
    const { code, message } = error as DeliveryFailedError;
    expect(code).toBe('DELIVERY_FAILED');
    expect(message).toMatch(/^SMTP delivery failed/);
    expect(message).not.toContain('845530');
    expect(message).not.toContain(EMAIL);
    expect(receiver.received).toHaveLength(0);
  });

  it('fails with DeliveryFailedError when the server cannot be reached', async () => {
    await receiver.close();

    const error = await new SmtpCodeSender({ url: receiver.smtpUrl }).send(mail('120934')).then(
      () => undefined,
      (reason: unknown) => reason,
    );

    expect(error).toBeInstanceOf(DeliveryFailedError);
    expect((error as Error).message).not.toContain('120934');
  });
});

describe('SmtpReceiver.waitForCode', () => {
  let receiver: SmtpReceiver;

  beforeEach(async () => {
    receiver = await SmtpReceiver.start();
  });
  afterEach(() => receiver.close());

  it('waits for a later message and answers the newest code to that address, case-insensitively', async () => {
    const sender = new SmtpCodeSender({ url: receiver.smtpUrl });
    const waiting = receiver.waitForCode('Ada@Example.test');
    await sender.send(mail('444444'));
    await expect(waiting).resolves.toBe('444444');

    await sender.send(mail('555555'));
    await sender.send(mail('666666', 'bob@example.test'));
    await expect(receiver.waitForCode(EMAIL)).resolves.toBe('555555');

    receiver.clear();
    await expect(receiver.waitForCode(EMAIL, 50)).rejects.toThrow(/no email with a code/);
  });
});
