import { CodeMessage, CodeSender } from './code-delivery.port';
import { DevLogCodeSender } from './dev-log-code-sender';
import { SmsWebhookCodeSender } from './sms-webhook-code-sender';
import { SmtpCodeSender } from './smtp-code-sender';

export interface RoutingCodeSenderOptions {
  /** SMS_WEBHOOK_URL; without it SMS codes go to the development log. */
  smsWebhookUrl?: string | null;
  /** SMTP_URL; without it email codes go to the development log. */
  smtpUrl?: string | null;
  /** SMTP_FROM. */
  smtpFrom?: string | null;
  /** Where development delivery writes its lines (the server log). */
  log: (line: string) => void;
}

/**
 * Chooses the sender by channel: SMS by webhook, email by SMTP, each falling back to the development
 * log when its own delivery is not configured (so one can configure SMS only and still develop email).
 */
export class RoutingCodeSender implements CodeSender {
  private readonly sms: CodeSender;
  private readonly email: CodeSender;
  /** The channels delivered to the log; the server warns at start-up when this is not empty. */
  readonly developmentChannels: ReadonlyArray<CodeMessage['channel']>;

  constructor(options: RoutingCodeSenderOptions) {
    const devLog = new DevLogCodeSender(options.log);
    this.sms = options.smsWebhookUrl ? new SmsWebhookCodeSender({ url: options.smsWebhookUrl }) : devLog;
    this.email = options.smtpUrl ? new SmtpCodeSender({ url: options.smtpUrl, from: options.smtpFrom ?? undefined }) : devLog;
    this.developmentChannels = [...(options.smsWebhookUrl ? [] : ['SMS' as const]), ...(options.smtpUrl ? [] : ['EMAIL' as const])];
  }

  send(message: CodeMessage): Promise<void> {
    return message.channel === 'SMS' ? this.sms.send(message) : this.email.send(message);
  }
}
