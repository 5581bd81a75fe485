import { Injectable } from '@nestjs/common';
import { constantTimeEquals } from '@identity/domain';
import { CodeHasher } from '@identity/security';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TAG_LENGTH = 43;

/**
 * The challenge id a client holds (docs/adr/0001-challenge-ids.md, as amended by 0005): it names
 * the account and the challenge, so that the public completeLogin finds the account stream without
 * a lookup, and carries an HMAC of both under a key derived from the master key, so that no client
 * can make one from an account id. A forged, altered or unknown id is refused before the account
 * stream is read: it never counts against the account.
 */
@Injectable()
export class ChallengeIds {
  constructor(private readonly codes: CodeHasher) {}

  encode(accountId: string, challengeId: string): string {
    const payload = Buffer.from(`${accountId}:${challengeId}`, 'utf8').toString('base64url');
    return `${payload}.${this.tag(payload)}`;
  }

  decode(value: string): { accountId: string; challengeId: string } | null {
    if (value.length > 160 || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(value)) return null;
    const [payload = '', tag = ''] = value.split('.');
    if (tag.length !== TAG_LENGTH || !constantTimeEquals(tag, this.tag(payload))) return null;
    const [accountId, challengeId, ...rest] = Buffer.from(payload, 'base64url').toString('utf8').split(':');
    if (accountId === undefined || challengeId === undefined || rest.length > 0) return null;
    if (!UUID.test(accountId) || !UUID.test(challengeId)) return null;
    return { accountId, challengeId };
  }

  private tag(payload: string): string {
    return Buffer.from(this.codes.hash('challenge-id', payload), 'hex').toString('base64url');
  }
}
