import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AccountCommand, Instant } from '@identity/domain';
import { CodeHasher, generateNumericCode } from '@identity/security';
import { PersonContext } from '../auth/principal';
import { CodeMessage } from '../delivery/code-delivery.port';
import { VerificationChannelEnum } from '../graphql/graphql-enums';
import { AccountCommandRunner } from './account-command-runner';
import { CodeDispatch } from './code-dispatch';
import { IdentityVerification } from './enable-protection/enable-protection.input';

/** What a command that starts an identity verification is given: its id, the code's hash, the time. */
export interface NewVerification {
  verificationId: string;
  codeHash: string;
  now: Instant;
}

/**
 * Starts an identity verification on the person's own account (enableProtection, requestProtectionDisable):
 * a fresh 6-digit code, only its hash in the event the command records, then the code sent to the
 * account's phone or email; answers where it went, masked.
 */
@Injectable()
export class IdentityVerificationStarter {
  constructor(
    private readonly accounts: AccountCommandRunner,
    private readonly codes: CodeHasher,
    private readonly dispatch: CodeDispatch,
  ) {}

  async start(
    context: PersonContext,
    purpose: CodeMessage['purpose'],
    command: (verification: NewVerification) => AccountCommand,
  ): Promise<IdentityVerification> {
    const { accountId } = context.principal;
    const code = generateNumericCode();
    // Asking again starts another verification: an error after this write (the code not sent) keeps its code.
    const write = await this.accounts.run(
      accountId,
      context,
      (_state, now) => {
        const verificationId = randomUUID();
        return command({ verificationId, codeHash: this.codes.hash(verificationId, code), now });
      },
      { retrySafe: true },
    );
    const started = write.events.find((e) => e.type === 'IdentityVerificationStarted');
    if (started?.type !== 'IdentityVerificationStarted') throw new Error(`${purpose}: no verification was recorded`);
    const expiresAt = new Date(started.data.expiresAt);
    await this.dispatch.send(accountId, write.state, started.data.channel, code, purpose, expiresAt, context.meta.ip);
    return {
      verificationId: started.data.verificationId,
      channel: started.data.channel as VerificationChannelEnum,
      maskedDestination: started.data.maskedDestination,
      expiresAt,
    };
  }
}
