import { CodeMessage, CodeSender } from './code-delivery.port';
import { DeliveryCircuit, DeliveryHealth } from './delivery-circuit';
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
  /** Where a configured channel's changes of state (down, back) are logged. */
  logState?: (level: 'warn' | 'log', line: string) => void;
}

/**
 * Chooses the sender by channel: SMS by webhook, email by SMTP, each falling back to the development
 * log when its own delivery is not configured (so one can configure SMS only and still develop email).
 */
export class RoutingCodeSender implements CodeSender {
  private readonly sms: CodeSender;
  private readonly email: CodeSender;
  private readonly circuits: DeliveryCircuit[] = [];
  /** The channels delivered to the log; the server warns at start-up when this is not empty. */
  readonly developmentChannels: ReadonlyArray<CodeMessage['channel']>;

  constructor(options: RoutingCodeSenderOptions) {
    const devLog = new DevLogCodeSender(options.log);
    const guarded = (name: string, sender: CodeSender) => {
      const circuit = new DeliveryCircuit(sender, { name, log: options.logState ?? (() => undefined) });
      this.circuits.push(circuit);
      return circuit;
    };
    this.sms = options.smsWebhookUrl ? guarded('delivery (sms)', new SmsWebhookCodeSender({ url: options.smsWebhookUrl })) : devLog;
    this.email = options.smtpUrl
      ? guarded('delivery (email)', new SmtpCodeSender({ url: options.smtpUrl, from: options.smtpFrom ?? undefined }))
      : devLog;
    this.developmentChannels = [...(options.smsWebhookUrl ? [] : ['SMS' as const]), ...(options.smtpUrl ? [] : ['EMAIL' as const])];
  }

  /** The configured channels (not the development log), each up or down. */
  health(): DeliveryHealth[] {
    return this.circuits.map((circuit) => circuit.health());
  }

  send(message: CodeMessage): Promise<void> {
    return message.channel === 'SMS' ? this.sms.send(message) : this.email.send(message);
  }
}
