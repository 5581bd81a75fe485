import { randomBytes } from 'node:crypto';
import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';

/** `Algorithm` is a const enum in the typings, which swc cannot inline; 2 is Argon2id. */
const ARGON2ID: Algorithm = 2;

/** OWASP Password Storage Cheat Sheet: argon2id, 19 MiB, 2 iterations, 1 lane. */
export const PASSWORD_HASH_OPTIONS: Readonly<Options> = Object.freeze({
  algorithm: ARGON2ID,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
});

/** Hashes and checks passwords with argon2id (PHC strings such as `$argon2id$v=19$m=19456,t=2,p=1$…`). */
export class PasswordHasher {
  private dummyHash: Promise<string> | undefined;

  async hash(password: string): Promise<string> {
    return hash(password, PASSWORD_HASH_OPTIONS);
  }

  /** True only if `password` matches; false for a wrong password and for a malformed hash (never throws). */
  async verify(passwordHash: string, password: string): Promise<boolean> {
    if (typeof passwordHash !== 'string' || typeof password !== 'string') return false;
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }

  /**
   * For a login name that does not exist: spends the time of a real verify (against a hash of a random
   * password, made once on first use with the same parameters) and answers false, so the response
   * time does not tell whether the account exists.
   */
  async verifyAgainstDummy(password: string): Promise<false> {
    this.dummyHash ??= this.hash(randomBytes(32).toString('base64url'));
    await this.verify(await this.dummyHash, password);
    return false;
  }
}
