import { createTransport } from 'nodemailer';
import { CodeMessage, CodeSender, DeliveryFailedError } from './code-delivery.port';
import { CODE_EMAIL_SUBJECT, messageText } from './message-text';

export interface SmtpOptions {
  /** SMTP_URL, e.g. smtp://user:pass@mail.example.com:587 or smtps://…:465. */
  url: string;
  /** SMTP_FROM; `Identity <no-reply@localhost>` unless told. */
  from?: string;
}

export const DEFAULT_SMTP_FROM = 'Identity <no-reply@localhost>';

/** Sends codes by email over SMTP, one plain-text message per code. */
export class SmtpCodeSender implements CodeSender {
  private readonly transport;
  private readonly from: string;

  constructor(options: SmtpOptions) {
    // Settings given in the URL (host, port, auth, query options) take precedence over these timeouts.
    this.transport = createTransport({
      url: options.url,
      connectionTimeout: 5000,
      greetingTimeout: 5000,
      socketTimeout: 10_000,
    });
    this.from = options.from ?? DEFAULT_SMTP_FROM;
  }

  async send(message: CodeMessage): Promise<void> {
    try {
      await this.transport.sendMail({
        from: this.from,
        to: message.to,
        subject: CODE_EMAIL_SUBJECT,
        text: messageText(message, new Date()),
      });
    } catch (error) {
      // Only the error code and SMTP status: the server's reply text may quote the address.
      throw new DeliveryFailedError(`SMTP delivery failed${describeSmtpError(error)}`);
    }
  }
}

function describeSmtpError(error: unknown): string {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  const parts = [
    typeof code === 'string' && /^[A-Z_]+$/.test(code) ? code : null,
    typeof responseCode === 'number' ? `SMTP status ${responseCode}` : null,
  ].filter((part): part is string => part !== null);
  return parts.length ? ` (${parts.join(', ')})` : '';
}
