import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { SmsWebhookReceiver } from '../../../../test/support/sms-webhook-receiver';
import { CodeMessage, DeliveryFailedError } from './code-delivery.port';
import { SmsWebhookCodeSender } from './sms-webhook-code-sender';
import { defined } from '@identity/testing';

const PHONE = '+15550001234';
const sms = (code: string, to = PHONE): CodeMessage => ({
  channel: 'SMS',
  to,
  code,
  purpose: 'IDENTITY_VERIFICATION',
  expiresAt: new Date(Date.now() + 5 * 60_000),
});

async function failureOf(promise: Promise<unknown>): Promise<DeliveryFailedError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(DeliveryFailedError);
  return error as DeliveryFailedError;
}

describe('SmsWebhookCodeSender (real HTTP server)', () => {
  let receiver: SmsWebhookReceiver;

  beforeEach(async () => {
    receiver = await SmsWebhookReceiver.start();
  });
  afterEach(() => receiver.close());

  it('POSTs exactly {to, text} as JSON, the text carrying the code', async () => {
    await new SmsWebhookCodeSender({ url: receiver.url }).send(sms('482913'));

    expect(receiver.received).toHaveLength(1);
    const request = defined(receiver.received[0], 'the SMS webhook request');
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/sms');
    expect(request.contentType).toBe('application/json');
    expect(request.body).toEqual({
      to: PHONE,
      text: 'Your identity verification code is 482913. It expires in 5 minutes. If you did not ask for it, ignore this message.',
    });
    expect(Object.keys(request.body as object)).toEqual(['to', 'text']);
    await expect(receiver.waitForCode(PHONE)).resolves.toBe('482913');
  });

  it('fails with DeliveryFailedError naming the status, never the code or the phone, on a 500', async () => {
    receiver.respondWith(500);

    const error = await failureOf(new SmsWebhookCodeSender({ url: receiver.url }).send(sms('739120')));

    expect(error.code).toBe('DELIVERY_FAILED');
    expect(error.message).toContain('500');
    expect(error.message).not.toContain('739120');
    expect(error.message).not.toContain(PHONE);
    expect(error.message).not.toContain('simulated failure');
    expect(receiver.received).toHaveLength(1);
    await expect(receiver.waitForCode(PHONE, 50)).rejects.toThrow(/no SMS with a code/);
  });

  it('fails with DeliveryFailedError when the webhook cannot be reached', async () => {
    await receiver.close();

    const error = await failureOf(new SmsWebhookCodeSender({ url: receiver.url }).send(sms('551204')));

    expect(error.message).toMatch(/could not be reached/);
    expect(error.message).not.toContain('551204');
    expect(error.message).not.toContain(PHONE);
  });

  it('gives up with DeliveryFailedError when the webhook does not answer in time', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const sender = new SmsWebhookCodeSender({ url: `http://127.0.0.1:${port}/sms`, timeoutMs: 100 });
      const error = await failureOf(sender.send(sms('902211')));
      expect(error.message).toMatch(/did not answer within 100 ms/);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe('SmsWebhookReceiver.waitForCode', () => {
  let receiver: SmsWebhookReceiver;

  beforeEach(async () => {
    receiver = await SmsWebhookReceiver.start();
  });
  afterEach(() => receiver.close());

  it('waits for a message sent after the call and answers the newest code to that phone only', async () => {
    const sender = new SmsWebhookCodeSender({ url: receiver.url });
    const waiting = receiver.waitForCode(PHONE);
    await sender.send(sms('111111'));
    await expect(waiting).resolves.toBe('111111');

    await sender.send(sms('222222'));
    await sender.send(sms('333333', '+15559999999'));
    await expect(receiver.waitForCode(PHONE)).resolves.toBe('222222');
    await expect(receiver.waitForCode('+15559999999')).resolves.toBe('333333');

    receiver.clear();
    await expect(receiver.waitForCode(PHONE, 50)).rejects.toThrow(/within 50 ms/);
  });
});
