/** One verification code to deliver: where, by which channel, and what it is for. */
export interface CodeMessage {
  channel: 'SMS' | 'EMAIL';
  /** Phone number (SMS) or email address (EMAIL), in clear: decrypted only for the moment of sending. */
  to: string;
  code: string;
  purpose: 'IDENTITY_VERIFICATION' | 'DISABLE_PROTECTION' | 'LOGIN' | 'CONTACT_CHANGE_NEW' | 'CONTACT_CHANGE_CURRENT' | 'PASSWORD_RESET';
  expiresAt: Date;
}

/** Delivers a code to its destination; rejects with DeliveryFailedError when it could not. */
export interface CodeSender {
  send(message: CodeMessage): Promise<void>;
}

export const CODE_SENDER = Symbol('CODE_SENDER');

/**
 * The code could not be delivered. The message is safe to log: it never contains the code,
 * the destination, the provider's URL or the provider's answer body.
 */
export class DeliveryFailedError extends Error {
  readonly code = 'DELIVERY_FAILED';

  constructor(
    message: string,
    /** Seconds after which a new try may succeed (set by the channel's circuit, delivery-circuit.ts). */
    readonly retryAfterSeconds = 1,
  ) {
    super(message);
    this.name = 'DeliveryFailedError';
  }

  withRetryAfter(seconds: number): DeliveryFailedError {
    return new DeliveryFailedError(this.message, seconds);
  }
}
