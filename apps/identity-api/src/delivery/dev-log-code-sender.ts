import { CodeMessage, CodeSender } from './code-delivery.port';

/**
 * DEVELOPMENT ONLY. "Delivers" a code by writing it, with its destination, to the server log, so that
 * one can sign up and log in without an SMS gateway or a mail server. Showing the code and the
 * destination is the whole point here, so this adapter must never be active in production: it is used
 * only for a channel whose delivery (SMS_WEBHOOK_URL or SMTP_URL) is not configured, and the server
 * warns at start-up when it is active.
 */
export class DevLogCodeSender implements CodeSender {
  constructor(private readonly log: (line: string) => void) {}

  async send(message: CodeMessage): Promise<void> {
    this.log(
      `[DEV DELIVERY] ${message.channel} to ${message.to}: code ${message.code} ` +
        `for ${message.purpose}, expires ${message.expiresAt.toISOString()} (development delivery, nothing was sent)`,
    );
  }
}
