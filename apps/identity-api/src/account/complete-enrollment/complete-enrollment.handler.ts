import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { CodeHasher, matchConsecutiveTotpSteps, SecretBox } from '@identity/security';
import { RefusedError } from '../../graphql/refused.error';
import { RateLimits } from '../../rate-limits/rate-limits.service';
import { AccountCommandRunner } from '../account-command-runner';
import { addressKeyOf } from '../address-key';
import { LogonEnrollmentIds } from '../login/challenge-id';
import { LoginPayload } from '../login/login.model';
import { LoginResultFactory } from '../login/login-result';
import { GoverningPreference } from '../logon-aids/governing-preference';
import { RememberedDeviceTokens } from '../logon-aids/remembered-device-tokens';
import { CompleteEnrollmentCommand } from './complete-enrollment.command';

/** The usual window: code2 within one step of now, code1 the step before it. */
const ENROLLMENT_WINDOW_STEPS = 1;

/**
 * The second step of a forced enrollment (public, like completeLogin): the signed enrollment id
 * names the account (a forged one is INVALID_CODE and never reaches a stream); the two codes are
 * matched here against the enrollment's secret as consecutive steps, and the domain binds, or
 * records a failure that counts towards the lock. Answers like completeLogin: a session.
 */
@CommandHandler(CompleteEnrollmentCommand)
export class CompleteEnrollmentHandler implements ICommandHandler<CompleteEnrollmentCommand> {
  constructor(
    private readonly rateLimits: RateLimits,
    private readonly accounts: AccountCommandRunner,
    private readonly secrets: SecretBox,
    private readonly codes: CodeHasher,
    private readonly enrollmentIds: LogonEnrollmentIds,
    private readonly results: LoginResultFactory,
    private readonly preference: GoverningPreference,
    private readonly deviceTokens: RememberedDeviceTokens,
  ) {}

  async execute({ input, context }: CompleteEnrollmentCommand): Promise<LoginPayload> {
    await this.rateLimits.consume(['logon-address', context.meta.ip]);
    const reference = this.enrollmentIds.decodeReference(input.enrollmentId);
    if (!reference) throw new RefusedError({ code: 'INVALID_CODE' });
    const { accountId, referenceId: enrollmentId } = reference;
    await this.rateLimits.consume(['attempts-account', accountId]);
    const addressKey = addressKeyOf(this.codes, context.meta.ip);
    // Only remembering a device needs the governing preference: no extra read for every code.
    const preference = input.rememberDevice ? await this.preference.of(await this.accounts.load(accountId)) : null;
    const device = input.rememberDevice ? this.deviceTokens.issue(accountId) : null;
    const write = await this.accounts.run(accountId, context, (state, now) => {
      if (!state.exists || state.erased) throw new RefusedError({ code: 'INVALID_CODE' });
      const enrollment = state.logonEnrollments[enrollmentId];
      const match = enrollment
        ? matchConsecutiveTotpSteps({
            secret: this.secrets.decrypt(accountId, enrollment.secret),
            code1: input.code1,
            code2: input.code2,
            at: new Date(now),
            window: ENROLLMENT_WINDOW_STEPS,
          })
        : null;
      return {
        type: 'CompleteEnrollment',
        now,
        enrollmentId,
        sessionId: randomUUID(),
        addressKey,
        matchedTimeStep: match?.timeStep ?? null,
        preference,
        rememberDevice: device && { deviceId: device.deviceId, tokenHash: device.tokenHash },
      };
    });
    return this.results.fromEvents(accountId, write.events, { rememberedDeviceToken: device?.token });
  }
}
