import { Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { CodeHasher } from '@identity/security';

/** `rd1.` and 43 base64url characters: 256 random bits. */
const TOKEN = /^rd1\.[A-Za-z0-9_-]{43}$/;

/**
 * "Remember this device" tokens (docs/security.md): 256 random bits the client keeps and sends with
 * a later `login`. Only a keyed hash (HMAC-SHA256 under a key derived from the master key, scoped to
 * the account) is stored, so the event store alone cannot replay one, and a token of one account
 * means nothing on another. The token names nothing: it is matched against the account's own devices.
 */
@Injectable()
export class RememberedDeviceTokens {
  constructor(private readonly codes: CodeHasher) {}

  issue(accountId: string): { deviceId: string; token: string; tokenHash: string } {
    const token = `rd1.${randomBytes(32).toString('base64url')}`;
    return { deviceId: randomUUID(), token, tokenHash: this.hashOfValid(accountId, token) };
  }

  /** The stored form of a token the client sent; null for anything that is not one of ours in shape. */
  hashOf(accountId: string, token: string | null | undefined): string | null {
    if (!token || !TOKEN.test(token)) return null;
    return this.hashOfValid(accountId, token);
  }

  private hashOfValid(accountId: string, token: string): string {
    return this.codes.hash(`remembered-device:${accountId}`, token);
  }
}
