import { SmsWebhookReceiver } from './sms-webhook-receiver';
import { SmtpReceiver } from './smtp-receiver';
import type { AppOptions } from './app-process';
import type { Channel } from './flow';

export const SMTP_FROM = 'identity-e2e@example.test';

/**
 * The two real delivery endpoints the service sends codes to: an HTTP SMS webhook and an SMTP server.
 * Using them (not the dev log delivery) keeps destinations and codes out of the server log.
 */
export class DeliveryReceivers {
  private constructor(
    readonly sms: SmsWebhookReceiver,
    readonly smtp: SmtpReceiver,
  ) {}

  static async start(): Promise<DeliveryReceivers> {
    const sms = await SmsWebhookReceiver.start();
    try {
      return new DeliveryReceivers(sms, await SmtpReceiver.start());
    } catch (error) {
      await sms.close();
      throw error;
    }
  }

  /** The app options that point the service at these receivers. */
  get appOptions(): Pick<AppOptions, 'smsWebhookUrl' | 'smtpUrl' | 'smtpFrom'> {
    return { smsWebhookUrl: this.sms.url, smtpUrl: this.smtp.smtpUrl, smtpFrom: SMTP_FROM };
  }

  /** The code the service sent over `channel` to the phone or email `to`. */
  waitForCode(channel: Channel, to: string, timeoutMs = 15_000): Promise<string> {
    return channel === 'SMS' ? this.sms.waitForCode(to, timeoutMs) : this.smtp.waitForCode(to, timeoutMs);
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.sms.close(), this.smtp.close()]);
  }
}
