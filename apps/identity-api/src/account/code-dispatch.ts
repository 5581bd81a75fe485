import { Inject, Injectable, Logger } from '@nestjs/common';
import { AccountState, PERMANENT_LOCK_UNTIL, VerificationChannel } from '@identity/domain';
import { CodeHasher, SecretBox } from '@identity/security';
import { CLOCK, Clock } from '../infrastructure/clock';
import { CODE_SENDER, CodeMessage, CodeSender, DeliveryFailedError } from '../delivery/code-delivery.port';
import { apiError } from '../graphql/api-error';
import { RateLimits } from '../rate-limits/rate-limits.service';

const CHANNELS: readonly VerificationChannel[] = ['SMS', 'EMAIL'];
const PURPOSES: readonly CodeMessage['purpose'][] = [
  'IDENTITY_VERIFICATION',
  'DISABLE_PROTECTION',
  'LOGIN',
  'CONTACT_CHANGE_NEW',
  'CONTACT_CHANGE_CURRENT',
  'PASSWORD_RESET',
];
const cooldownKey = (accountId: string, channel: VerificationChannel, purpose: CodeMessage['purpose']) =>
  `${accountId}:${channel}:${purpose}`;

/**
 * Sends a code to the account's own phone or email, decrypted only for the moment of sending. Every
 * send is counted first (per client address, per account, a resend cool-down per account,
 * channel and purpose, a daily cap per destination), and none goes out while the account is locked.
 */
@Injectable()
export class CodeDispatch {
  private readonly logger = new Logger('CodeDelivery');

  constructor(
    @Inject(CODE_SENDER) private readonly sender: CodeSender,
    private readonly secrets: SecretBox,
    private readonly codes: CodeHasher,
    private readonly rateLimits: RateLimits,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A code was answered right: the next one (re-enabling, the next logon) need not wait out the resend cool-down. */
  async codeAnswered(accountId: string): Promise<void> {
    const keys = CHANNELS.flatMap((channel) => PURPOSES.map((purpose) => cooldownKey(accountId, channel, purpose)));
    await Promise.all(keys.map((key) => this.rateLimits.release('code-cooldown', key)));
  }

  async send(
    accountId: string,
    state: AccountState,
    channel: VerificationChannel,
    code: string,
    purpose: CodeMessage['purpose'],
    expiresAt: Date,
    clientIp: string | null,
  ): Promise<void> {
    const to = await this.admit(accountId, state, channel, purpose, clientIp);
    await this.deliver(accountId, { channel, to, code, purpose, expiresAt });
  }

  /** The same for a destination that is not (yet) the account's own: a new phone or email being proven. */
  async sendTo(
    accountId: string,
    state: AccountState,
    channel: VerificationChannel,
    box: string,
    code: string,
    purpose: CodeMessage['purpose'],
    expiresAt: Date,
    clientIp: string | null,
  ): Promise<void> {
    const to = await this.admitTo(accountId, state, channel, box, purpose, clientIp);
    await this.deliver(accountId, { channel, to, code, purpose, expiresAt });
  }

  /**
   * For a public request whose answer must not tell whether the account exists (a password reset):
   * the caller counted the client address for every request alike; the account's own limits and its
   * lock are checked here, and the code goes out in the background. A refusal or a failed delivery
   * is logged, never answered.
   */
  sendUnobserved(
    accountId: string,
    state: AccountState,
    channel: VerificationChannel,
    code: string,
    purpose: CodeMessage['purpose'],
    expiresAt: Date,
  ): void {
    void this.admit(accountId, state, channel, purpose, null)
      .then((to) => this.sender.send({ channel, to, code, purpose, expiresAt }))
      .catch((error: unknown) => this.logger.warn(`a ${purpose} code was not sent by ${channel}: ${(error as Error).message}`));
  }

  /**
   * A failed send answers DELIVERY_FAILED with `retryAfter` (longer while the channel is down, see
   * delivery-circuit.ts) and gives back the resend cool-down, so that the retry it asks for is not
   * refused as too soon. The channel's state changes are logged by its circuit; each failure only at debug.
   */
  private async deliver(accountId: string, message: CodeMessage): Promise<void> {
    try {
      await this.sender.send(message);
    } catch (error) {
      this.logger.debug(`delivery by ${message.channel} failed: ${(error as Error).message}`);
      await this.rateLimits.release('code-cooldown', cooldownKey(accountId, message.channel, message.purpose)).catch(() => undefined);
      const retryAfter = error instanceof DeliveryFailedError ? error.retryAfterSeconds : 1;
      throw apiError('DELIVERY_FAILED', `the code could not be sent by ${message.channel}; try again in ${retryAfter} s`, { retryAfter });
    }
  }

  /** The checks before a send to the account's own phone or email; the destination in clear. */
  private async admit(
    accountId: string,
    state: AccountState,
    channel: VerificationChannel,
    purpose: CodeMessage['purpose'],
    clientIp: string | null,
  ): Promise<string> {
    const box = channel === 'SMS' ? state.phone : state.email;
    if (!box) throw apiError('BAD_USER_INPUT', `the account has no ${channel === 'SMS' ? 'phone number' : 'email address'}`);
    return this.admitTo(accountId, state, channel, box, purpose, clientIp);
  }

  /** The checks before any send (lock, counters); the destination `box` in clear. */
  private async admitTo(
    accountId: string,
    state: AccountState,
    channel: VerificationChannel,
    box: string,
    purpose: CodeMessage['purpose'],
    clientIp: string | null,
  ): Promise<string> {
    if (state.lockedUntil !== null && Date.parse(state.lockedUntil) > this.clock.now().getTime()) {
      const permanent = state.lockedUntil === PERMANENT_LOCK_UNTIL;
      throw apiError('ACCOUNT_LOCKED', 'the account is locked; no code is sent until the lock ends', {
        lockedUntil: permanent ? null : state.lockedUntil,
        permanent,
      });
    }
    const to = this.secrets.decrypt(accountId, box);
    await this.rateLimits.consume(
      ['code-sends-address', clientIp],
      ['code-cooldown', cooldownKey(accountId, channel, purpose)],
      ['code-sends-account', accountId],
      // Keyed: the counter's name must not reveal the phone number or address to whoever reads Redis.
      ['code-destination-day', this.codes.hash('rate-limit-destination', `${channel}:${to.toLowerCase()}`).slice(0, 40)],
    );
    return to;
  }
}
