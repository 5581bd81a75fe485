/**
 * Where each account's data key is kept, wrapped (encrypted) by the master key. Deleting an account's
 * key crypto-shreds every secret encrypted under it, including those inside immutable events.
 */
export interface KeyStore {
  /** The account's wrapped data key, or undefined if it has none or it was deleted. */
  get(accountId: string): Buffer | undefined;
  /**
   * Stores the account's wrapped data key if the account has none yet: the first key written wins,
   * and a key is never replaced (that would make older secrets unreadable). After `delete`, put stores
   * nothing: a shredded account gets no new key. Callers read the key back with `get`.
   */
  put(accountId: string, wrapped: Buffer): void;
  /** Erases the account's data key for good (crypto-shredding). */
  delete(accountId: string): void;
  /** The master key's check value stored beside the keys (see key-check.ts), if one was written. */
  checkValue(): Buffer | undefined;
  /** Stores the check value once; a stored one is never replaced. */
  saveCheckValue(value: Buffer): void;
  /** Any one account's wrapped key that is still there, to test a master key against stores written before check values. */
  sampleKey(): { accountId: string; wrapped: Buffer } | undefined;
  /** The derivation root wrapped by the master key (derivation-root.ts), once a rotation stored it. */
  wrappedDerivationRoot(): Buffer | undefined;
  /** The check value of the master key an unfinished rotation re-wraps to (master-key-rotation.ts), if one is under way. */
  rotationTarget(): Buffer | undefined;
  close(): void;
}
