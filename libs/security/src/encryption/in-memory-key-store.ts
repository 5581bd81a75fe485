import { KeyStore } from './key-store.port';

/** A KeyStore in memory, for tests and throwaway runs. `null` marks an account whose key was shredded. */
export class InMemoryKeyStore implements KeyStore {
  private readonly keys = new Map<string, Buffer | null>();

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

  close(): void {
    for (const wrapped of this.keys.values()) wrapped?.fill(0);
    this.keys.clear();
  }
}
