import { SmsWebhookReceiver } from '../../../../test/support/sms-webhook-receiver';
import { SmtpReceiver } from '../../../../test/support/smtp-receiver';
import { CodeMessage } from './code-delivery.port';
import { RoutingCodeSender } from './routing-code-sender';

const expiresAt = new Date('2030-01-01T00:05:00.000Z');
const bySms: CodeMessage = { channel: 'SMS', to: '+15550001234', code: '271828', purpose: 'LOGIN', expiresAt };
const byEmail: CodeMessage = {
  channel: 'EMAIL',
  to: 'ada@example.test',
  code: '314159',
  purpose: 'IDENTITY_VERIFICATION',
  expiresAt,
};

describe('RoutingCodeSender', () => {
  it('with nothing configured, writes both channels to the log as development delivery', async () => {
    const lines: string[] = [];
    const sender = new RoutingCodeSender({ log: (line) => lines.push(line) });

    await sender.send(bySms);
    await sender.send(byEmail);

    expect(lines).toEqual([
      '[DEV DELIVERY] SMS to +15550001234: code 271828 for LOGIN, expires 2030-01-01T00:05:00.000Z (development delivery, nothing was sent)',
      '[DEV DELIVERY] EMAIL to ada@example.test: code 314159 for IDENTITY_VERIFICATION, expires 2030-01-01T00:05:00.000Z (development delivery, nothing was sent)',
    ]);
    expect(sender.developmentChannels).toEqual(['SMS', 'EMAIL']);
  });

  it('with only SMS configured, sends SMS to the webhook and still logs email', async () => {
    const webhook = await SmsWebhookReceiver.start();
    try {
      const lines: string[] = [];
      const sender = new RoutingCodeSender({ smsWebhookUrl: webhook.url, log: (line) => lines.push(line) });

      await sender.send(bySms);
      await sender.send(byEmail);

      expect(await webhook.waitForCode('+15550001234')).toBe('271828');
      expect(webhook.received).toHaveLength(1);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^\[DEV DELIVERY\] EMAIL to ada@example\.test: code 314159 /);
      expect(sender.developmentChannels).toEqual(['EMAIL']);
    } finally {
      await webhook.close();
    }
  });

  it('with both configured, logs nothing and delivers each channel to its own server', async () => {
    const webhook = await SmsWebhookReceiver.start();
    const smtp = await SmtpReceiver.start();
    try {
      const lines: string[] = [];
      const sender = new RoutingCodeSender({
        smsWebhookUrl: webhook.url,
        smtpUrl: smtp.smtpUrl,
        smtpFrom: 'Id <id@example.test>',
        log: (line) => lines.push(line),
      });

      await sender.send(bySms);
      await sender.send(byEmail);

      expect(await webhook.waitForCode('+15550001234')).toBe('271828');
      expect(await smtp.waitForCode('ada@example.test')).toBe('314159');
      expect(smtp.received[0]?.from).toBe('id@example.test');
      expect(lines).toEqual([]);
      expect(sender.developmentChannels).toEqual([]);
    } finally {
      await webhook.close();
      await smtp.close();
    }
  });
});
