import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { createKurrentDbClient } from './kurrentdb-connection-string';

/**
 * Holds the one client the adapter uses for new calls, and replaces it when it may be broken.
 *
 * The client does not always recover by itself: a client whose first read fails while the server is
 * down never reads again, and an append on a dead batch-append session never settles. So after such
 * a failure the adapter `retire`s the client and the next call gets a fresh one. A retired client
 * that still carries open subscriptions is disposed when the last of them is released (disposing
 * it earlier would cancel them without telling their readers); otherwise at once.
 */
export class KurrentDbClientPool {
  private current: KurrentDBClient | undefined;
  private readonly holds = new Map<KurrentDBClient, number>();
  private readonly retired = new Set<KurrentDBClient>();
  private readonly disposals = new Set<Promise<void>>();

  constructor(private readonly connectionString: string) {
    // Creating the first client validates the connection string at construction.
    this.current = createKurrentDbClient(connectionString);
  }

  /** The client for the next call. */
  client(): KurrentDBClient {
    this.current ??= createKurrentDbClient(this.connectionString);
    return this.current;
  }

  /** Keeps `client` alive for a long-lived call (a subscription); returns the release function. */
  hold(client: KurrentDBClient): () => void {
    this.holds.set(client, (this.holds.get(client) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.holds.get(client) ?? 1) - 1;
      if (left > 0) {
        this.holds.set(client, left);
        return;
      }
      this.holds.delete(client);
      if (this.retired.has(client)) this.dispose(client);
    };
  }

  /** `client` may be broken: new calls get a fresh client. Harmless if it was already replaced. */
  retire(client: KurrentDBClient): void {
    if (this.current !== client) return;
    this.current = undefined;
    this.retired.add(client);
    if (!this.holds.has(client)) this.dispose(client);
  }

  /** Disposes every client; call after the subscriptions were closed. */
  async close(): Promise<void> {
    if (this.current) this.retire(this.current);
    for (const client of [...this.retired]) this.dispose(client);
    await Promise.allSettled([...this.disposals]);
  }

  private dispose(client: KurrentDBClient): void {
    if (!this.retired.delete(client)) return;
    const disposal = client.dispose().catch(() => undefined);
    this.disposals.add(disposal);
    void disposal.finally(() => this.disposals.delete(disposal));
  }
}
