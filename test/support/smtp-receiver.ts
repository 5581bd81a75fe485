import { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerAddress } from 'smtp-server';
import { waitFor } from './sms-webhook-receiver';

/** One email the server accepted. */
export interface ReceivedEmail {
  /** Envelope sender (MAIL FROM). */
  from: string;
  /** Envelope recipients (RCPT TO). */
  to: string[];
  subject: string | undefined;
  /** The decoded body of a single-part text message. */
  text: string;
  raw: string;
}

const CODE_PATTERN = /\b(\d{6})\b/;

/**
 * A real SMTP server for tests on 127.0.0.1 (free port), without TLS or required auth, that keeps
 * every accepted message. Point SMTP_URL at `smtpUrl`.
 */
export class SmtpReceiver {
  readonly received: ReceivedEmail[] = [];
  private readonly rejected = new Set<string>();
  private readonly waiters = new Set<() => void>();
  private server!: SMTPServer;
  private port = 0;

  static async start(): Promise<SmtpReceiver> {
    const receiver = new SmtpReceiver();
    receiver.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (address, _session, callback) => receiver.checkRecipient(address, callback),
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const mailFrom = session.envelope.mailFrom;
          receiver.record(
            mailFrom ? mailFrom.address : '',
            session.envelope.rcptTo.map((rcpt) => rcpt.address),
            Buffer.concat(chunks).toString('utf8'),
          );
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      receiver.server.once('error', reject);
      receiver.server.listen(0, '127.0.0.1', () => resolve());
    });
    receiver.port = (receiver.server.server.address() as AddressInfo).port;
    return receiver;
  }

  get smtpUrl(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** From now on, answer RCPT TO for this address with 550 (mailbox unavailable). */
  rejectRecipient(address: string): void {
    this.rejected.add(address.toLowerCase());
  }

  /** Forgets what was received so far, so the next waitForCode sees only newer messages. */
  clear(): void {
    this.received.length = 0;
  }

  /**
   * The 6-digit code in the newest message to `to`, waiting for one if there is none yet.
   * Call it after the action that sends the code (or clear() before that action).
   */
  waitForCode(to: string, timeoutMs = 5000): Promise<string> {
    const address = to.toLowerCase();
    return waitFor(this.waiters, timeoutMs, `no email with a code to ${to}`, () => {
      const newest = this.received.filter((mail) => mail.to.some((rcpt) => rcpt.toLowerCase() === address)).at(-1);
      return newest?.text.match(CODE_PATTERN)?.[1];
    });
  }

  /** Stops the server; calling it again does nothing. */
  close(): Promise<void> {
    if (!this.server.server.listening) return Promise.resolve();
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private checkRecipient(address: SMTPServerAddress, callback: (error?: Error | null) => void): void {
    if (!this.rejected.has(address.address.toLowerCase())) return callback();
    const error = Object.assign(new Error('mailbox unavailable'), { responseCode: 550 });
    callback(error);
  }

  private record(from: string, to: string[], raw: string): void {
    const split = raw.indexOf('\r\n\r\n');
    const head = split === -1 ? raw : raw.slice(0, split);
    const body = split === -1 ? '' : raw.slice(split + 4);
    const headers = head.replace(/\r\n[ \t]+/g, ' ');
    const header = (name: string): string | undefined => new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(headers)?.[1]?.trim();
    const encoding = header('Content-Transfer-Encoding')?.toLowerCase();
    this.received.push({ from, to, subject: header('Subject'), text: decodeBody(body, encoding), raw });
    for (const wake of this.waiters) wake();
  }
}

function decodeBody(body: string, encoding: string | undefined): string {
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding !== 'quoted-printable') return body;
  const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}
