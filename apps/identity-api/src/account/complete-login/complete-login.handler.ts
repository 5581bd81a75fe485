import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { AccountState, FactorProof, Instant } from '@identity/domain';
import { CodeHasher } from '@identity/security';
import { RefusedError } from '../../graphql/refused.error';
import { AccountCommandRunner } from '../account-command-runner';
import { ChallengeIds } from '../login/challenge-id';
import { addressKeyOf } from '../address-key';
import { LoginPayload } from '../login/login.model';
import { LoginResultFactory } from '../login/login-result';
import { CompleteLoginCommand } from './complete-login.command';
import { RateLimits } from '../../rate-limits/rate-limits.service';
import { CodeDispatch } from '../code-dispatch';
import { isRecoveryCode, SecondFactorProofs } from '../second-factor/second-factor-proofs';
import { GoverningPreference } from '../logon-aids/governing-preference';
import { RememberedDeviceTokens } from '../logon-aids/remembered-device-tokens';

/**
 * Step 2 of a logon: the second factor. The TOTP code is tried against every bound authenticator
 * here and the match passed as a proof; the domain decides whether its time step is still unspent
 * for that authenticator, and the append's expected revision makes sure two requests racing with
 * the same code cannot both win. `rememberDevice` (where the governing preference allows it) returns
 * a token that lets later logons skip this step.
 */
@CommandHandler(CompleteLoginCommand)
export class CompleteLoginHandler implements ICommandHandler<CompleteLoginCommand> {
  constructor(
    private readonly rateLimits: RateLimits,
    private readonly dispatch: CodeDispatch,
    private readonly accounts: AccountCommandRunner,
    private readonly secondFactor: SecondFactorProofs,
    private readonly codes: CodeHasher,
    private readonly results: LoginResultFactory,
    private readonly challengeIds: ChallengeIds,
    private readonly preference: GoverningPreference,
    private readonly deviceTokens: RememberedDeviceTokens,
  ) {}

  async execute({ input, context }: CompleteLoginCommand): Promise<LoginPayload> {
    await this.rateLimits.consume(['logon-address', context.meta.ip]);
    // A forged or altered id is refused here: it never reaches (or counts against) an account stream.
    const reference = this.challengeIds.decode(input.challengeId);
    if (!reference) throw new RefusedError({ code: 'INVALID_CODE' });
    const addressKey = addressKeyOf(this.codes, context.meta.ip);
    const { accountId, challengeId } = reference;
    await this.rateLimits.consume(['attempts-account', accountId]);
    // Only remembering a device needs the governing preference: no extra read for every code.
    const preference = input.rememberDevice ? await this.preference.of(await this.accounts.load(accountId)) : null;
    const device = input.rememberDevice ? this.deviceTokens.issue(accountId) : null;
    const write = await this.accounts.run(accountId, context, (state, now) => {
      if (!state.exists || state.erased || state.disabled) throw new RefusedError({ code: 'INVALID_CODE' });
      const proof = this.proofOf(accountId, state, challengeId, input.code, now);
      const rememberDevice = device && { deviceId: device.deviceId, tokenHash: device.tokenHash };
      return { type: 'CompleteLogin', now, challengeId, sessionId: randomUUID(), proof, addressKey, preference, rememberDevice };
    });
    const result = await this.results.fromEvents(accountId, write.events, { rememberedDeviceToken: device?.token });
    if (result.session) await this.dispatch.codeAnswered(accountId);
    return result;
  }

  /**
   * A recovery code (on any challenge), the TOTP authenticator the code matches, or the hash of a
   * delivered code (SecondFactorProofs does the first two, for stepUp as well).
   */
  private proofOf(accountId: string, state: AccountState, challengeId: string, code: string, now: Instant): FactorProof | null {
    const challenge = state.challenges[challengeId];
    if (!challenge) return null;
    if (challenge.method !== 'TOTP' && !isRecoveryCode(code))
      return { kind: 'DELIVERED_CODE', codeHash: this.codes.hash(challengeId, code) };
    return this.secondFactor.proofOf(accountId, state, code, now);
  }
}
