import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AccountState, Encrypted, logonFactor, SecurityPreference } from '@identity/domain';
import { CodeHasher, generateNumericCode, generateTotpSecret, SecretBox } from '@identity/security';
import { LogonReveals } from '../login/login-result';
import { RememberedDeviceTokens } from './remembered-device-tokens';

/** The facts of the step after a right password (see LogonAidFacts in the domain), with what only the handler may show. */
export interface PreparedLogonStep {
  facts: {
    sessionId: string;
    challengeId: string;
    challengeCodeHash: string | null;
    preference: SecurityPreference;
    enrollment: { enrollmentId: string; secret: Encrypted } | null;
    passwordChangeTicketId: string | null;
    rememberedDeviceTokenHash: string | null;
  };
  /** The code to send, for an SMS or EMAIL challenge. */
  code: string | null;
  reveals: LogonReveals;
}

/**
 * Everything the domain may need to decide the step after a right password, prepared in the command's
 * build (with the state it decides on): ids, the code of an SMS/EMAIL challenge (hashed), a new
 * authenticator secret (encrypted) when the logon must enroll, a ticket id when the password must
 * change, and the hash of the remembered-device token the client sent.
 */
@Injectable()
export class LogonStepFacts {
  constructor(
    private readonly codes: CodeHasher,
    private readonly secrets: SecretBox,
    private readonly deviceTokens: RememberedDeviceTokens,
  ) {}

  prepare(
    accountId: string,
    state: AccountState,
    preference: SecurityPreference,
    rememberedDeviceToken?: string | null,
  ): PreparedLogonStep {
    const challengeId = randomUUID();
    const factor = logonFactor(state, preference);
    const code = factor === 'SMS' || factor === 'EMAIL' ? generateNumericCode() : null;
    const secret = factor === 'ENROLL' ? generateTotpSecret() : null;
    return {
      facts: {
        sessionId: randomUUID(),
        challengeId,
        challengeCodeHash: code === null ? null : this.codes.hash(challengeId, code),
        preference,
        enrollment: secret === null ? null : { enrollmentId: randomUUID(), secret: this.secrets.encrypt(accountId, secret) },
        passwordChangeTicketId: state.passwordResetRequired ? randomUUID() : null,
        rememberedDeviceTokenHash: this.deviceTokens.hashOf(accountId, rememberedDeviceToken),
      },
      code,
      reveals: { enrollment: secret === null ? null : { secret, accountLabel: state.loginName ?? accountId } },
    };
  }
}
