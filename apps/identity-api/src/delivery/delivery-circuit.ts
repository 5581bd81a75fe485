import { CodeMessage, CodeSender, DeliveryFailedError } from './code-delivery.port';

/** Failures in a row after which a channel is taken as down. */
export const FAILURES_TO_OPEN = 3;
/** While down, one send is tried this often; the others are refused at once. */
export const PROBE_EVERY_MS = 10_000;

export interface DeliveryHealth {
  name: string;
  up: boolean;
  detail?: string;
}

export interface DeliveryCircuitOptions {
  /** `delivery (sms)`, `delivery (email)`: the name /health shows. */
  name: string;
  /** One line per change of state: down (with the last failure) and back. */
  log: (level: 'warn' | 'log', line: string) => void;
  now?: () => number;
}

/**
 * One channel's provider (SMS webhook, SMTP server) guarded by a circuit breaker. After
 * FAILURES_TO_OPEN failures in a row (an error status, a refusal, no answer within the sender's
 * timeout) the channel is down: sends are refused at once with DeliveryFailedError and a retryAfter,
 * so that a provider that hangs under load does not hold every request for its timeout, and one send
 * every PROBE_EVERY_MS is let through; its success brings the channel back.
 */
export class DeliveryCircuit implements CodeSender {
  private failures = 0;
  private downSince: number | null = null;
  private nextProbeAt = 0;
  private lastFailure = '';
  private readonly now: () => number;

  constructor(
    private readonly sender: CodeSender,
    private readonly options: DeliveryCircuitOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  async send(message: CodeMessage): Promise<void> {
    if (this.downSince !== null) {
      const wait = this.nextProbeAt - this.now();
      if (wait > 0) throw new DeliveryFailedError(`${this.options.name} is down (${this.lastFailure})`, Math.ceil(wait / 1000));
      this.nextProbeAt = this.now() + PROBE_EVERY_MS; // this send is the probe; the others wait for it
    }
    try {
      await this.sender.send(message);
    } catch (error) {
      this.failed(error instanceof Error ? error.message : String(error));
      throw error instanceof DeliveryFailedError ? error.withRetryAfter(this.retryAfterSeconds()) : error;
    }
    this.succeeded();
  }

  health(): DeliveryHealth {
    if (this.downSince === null) return { name: this.options.name, up: true };
    return { name: this.options.name, up: false, detail: `down since ${new Date(this.downSince).toISOString()}: ${this.lastFailure}` };
  }

  private failed(reason: string): void {
    this.lastFailure = reason;
    this.failures += 1;
    if (this.downSince !== null || this.failures < FAILURES_TO_OPEN) return;
    this.downSince = this.now();
    this.nextProbeAt = this.now() + PROBE_EVERY_MS;
    this.options.log(
      'warn',
      `${this.options.name} is down after ${this.failures} failures in a row (${reason}); codes are refused until a send succeeds`,
    );
  }

  private succeeded(): void {
    if (this.downSince !== null) this.options.log('log', `${this.options.name} is back`);
    this.failures = 0;
    this.downSince = null;
  }

  private retryAfterSeconds(): number {
    return this.downSince === null ? 1 : Math.max(1, Math.ceil((this.nextProbeAt - this.now()) / 1000));
  }
}
