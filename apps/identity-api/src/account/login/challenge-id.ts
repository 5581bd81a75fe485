import { Injectable } from '@nestjs/common';
import { constantTimeEquals } from '@identity/domain';
import { CodeHasher } from '@identity/security';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TAG_LENGTH = 43;

/**
 * A reference a client holds between two public logon steps (docs/adr/0001-challenge-ids.md, as
 * amended by 0005): it names the account and the pending step, so that the next step finds the
 * account stream without a lookup, and carries an HMAC of both under a key derived from the master
 * key and this kind's label, so that no client can make one from an account id, nor use one kind
 * as another. A forged, altered or unknown reference is refused before the account stream is read:
 * it never counts against the account.
 */
export class SignedReferences {
  constructor(
    private readonly codes: CodeHasher,
    private readonly label: string,
  ) {}

  encode(accountId: string, referenceId: string): string {
    const payload = Buffer.from(`${accountId}:${referenceId}`, 'utf8').toString('base64url');
    return `${payload}.${this.tag(payload)}`;
  }

  /** The account and reference it names; null for anything this service did not sign as this kind. */
  decodeReference(value: string): { accountId: string; referenceId: string } | null {
    if (value.length > 160 || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(value)) return null;
    const [payload = '', tag = ''] = value.split('.');
    if (tag.length !== TAG_LENGTH || !constantTimeEquals(tag, this.tag(payload))) return null;
    const [accountId, referenceId, ...rest] = Buffer.from(payload, 'base64url').toString('utf8').split(':');
    if (accountId === undefined || referenceId === undefined || rest.length > 0) return null;
    if (!UUID.test(accountId) || !UUID.test(referenceId)) return null;
    return { accountId, referenceId };
  }

  private tag(payload: string): string {
    return Buffer.from(this.codes.hash(this.label, payload), 'hex').toString('base64url');
  }
}

/** The challenge id of an MFA_REQUIRED logon, for completeLogin. */
@Injectable()
export class ChallengeIds extends SignedReferences {
  constructor(codes: CodeHasher) {
    super(codes, 'challenge-id');
  }

  decode(value: string): { accountId: string; challengeId: string } | null {
    const reference = this.decodeReference(value);
    return reference && { accountId: reference.accountId, challengeId: reference.referenceId };
  }
}

/** The enrollment id of an MFA_ENROLLMENT_REQUIRED logon, for completeEnrollment. */
@Injectable()
export class LogonEnrollmentIds extends SignedReferences {
  constructor(codes: CodeHasher) {
    super(codes, 'logon-enrollment-id');
  }
}

/** The ticket of a PASSWORD_CHANGE_REQUIRED logon, for completePasswordChange. */
@Injectable()
export class PasswordChangeTickets extends SignedReferences {
  constructor(codes: CodeHasher) {
    super(codes, 'password-change-ticket');
  }
}
