import { KeyStore } from './key-store.port';

/** A KeyStore in memory, for tests and throwaway runs. `null` marks an account whose key was shredded. */
export class InMemoryKeyStore implements KeyStore {
  private readonly keys = new Map<string, Buffer | null>();
  private check: Buffer | undefined;

  get(accountId: string): Buffer | undefined {
    const wrapped = this.keys.get(accountId);
    return wrapped ? Buffer.from(wrapped) : undefined;
  }

  put(accountId: string, wrapped: Buffer): void {
    if (this.keys.has(accountId)) return;
    this.keys.set(accountId, Buffer.from(wrapped));
  }

  delete(accountId: string): void {
    this.keys.get(accountId)?.fill(0);
    this.keys.set(accountId, null);
  }

  checkValue(): Buffer | undefined {
    return this.check ? Buffer.from(this.check) : undefined;
  }

  saveCheckValue(value: Buffer): void {
    this.check ??= Buffer.from(value);
  }

  sampleKey(): { accountId: string; wrapped: Buffer } | undefined {
    for (const [accountId, wrapped] of this.keys) if (wrapped) return { accountId, wrapped: Buffer.from(wrapped) };
    return undefined;
  }

  wrappedDerivationRoot(): Buffer | undefined {
    return undefined;
  }

  rotationTarget(): Buffer | undefined {
    return undefined;
  }

  close(): void {
    for (const wrapped of this.keys.values()) wrapped?.fill(0);
    this.keys.clear();
  }
}
