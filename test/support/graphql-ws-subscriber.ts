import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { runCli } from './cli-process';

/** What one subscription has received so far, over a real `graphql-transport-ws` connection. */
export interface Received<T> {
  items: T[];
  errors: unknown[];
  completed: boolean;
}

/**
 * One graphql-ws client with one subscription, as an integrator would run it: credentials in
 * `connectionParams`, no automatic reconnects (the suites reconnect themselves, with `afterPosition`).
 */
export class Subscriber<T> {
  readonly received: Received<T> = { items: [], errors: [], completed: false };
  /** The close code of the socket, once closed (4403: refused). */
  closeCode: number | null = null;
  private readonly client: Client;
  private readonly connected: Promise<void>;
  private readonly listeners = new Set<() => void>();

  constructor(baseUrl: string, connectionParams: Record<string, unknown>, query: string, variables: Record<string, unknown> = {}) {
    let onConnected: () => void = () => undefined;
    this.connected = new Promise<void>((resolve) => (onConnected = resolve));
    this.client = createClient({
      url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams,
      retryAttempts: 0,
      lazy: false,
      on: {
        connected: () => onConnected(),
        closed: (event) => {
          this.closeCode = (event as { code?: number }).code ?? null;
          this.notify();
        },
      },
      onNonLazyError: () => undefined,
    });
    const field = /\{\s*(\w+)/.exec(query)?.[1] ?? '';
    this.client.subscribe<Record<string, T>>(
      { query, variables },
      {
        next: (result) => {
          if (result.errors) this.received.errors.push(...result.errors);
          if (result.data?.[field] !== undefined) this.received.items.push(result.data[field]);
          this.notify();
        },
        error: (error) => {
          this.received.errors.push(error);
          this.notify();
        },
        complete: () => {
          this.received.completed = true;
          this.notify();
        },
      },
    );
  }

  /** Resolves once the server acknowledged the connection (the key was accepted). */
  whenConnected(timeoutMs = 10_000): Promise<void> {
    return within(this.connected, timeoutMs, 'the connection was not acknowledged');
  }

  /** Waits until `count` items have arrived (or an error, or the socket closed) and returns the items. */
  async waitForItems(count: number, timeoutMs = 15_000): Promise<T[]> {
    await this.waitUntil(
      () => this.received.items.length >= count || this.received.errors.length > 0 || this.closeCode !== null,
      timeoutMs,
    );
    if (this.received.items.length < count) {
      throw new Error(`expected ${count} items, got ${JSON.stringify(this.received)} (close code ${this.closeCode})`);
    }
    return this.received.items.slice(0, count);
  }

  /** Waits until the socket was closed by the server, or the subscription failed. */
  async waitForRefusal(timeoutMs = 10_000): Promise<void> {
    await this.waitUntil(() => this.closeCode !== null || this.received.errors.length > 0, timeoutMs);
  }

  async dispose(): Promise<void> {
    await this.client.dispose();
  }

  private waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
    if (condition()) return Promise.resolve();
    return within(
      new Promise<void>((resolve) => {
        const check = () => {
          if (!condition()) return;
          this.listeners.delete(check);
          resolve();
        };
        this.listeners.add(check);
      }),
      timeoutMs,
      `condition not met; received so far: ${JSON.stringify(this.received).slice(0, 500)}`,
    );
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

function within<T>(promise: Promise<T>, timeoutMs: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_resolve, reject) => (timer = setTimeout(() => reject(new Error(`${message} within ${timeoutMs} ms`)), timeoutMs)),
  );
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Creates an API key with the CLI against the app's own configuration; returns the key. */
export async function createApiKey(
  env: Record<string, string>,
  role: 'auditor' | 'integrator' | 'admin',
  name = `${role} e2e`,
): Promise<string> {
  const result = await runCli(['api-key', 'create', '--role', role, '--name', name], env);
  if (result.exitCode !== 0) throw new Error(`api-key create failed: ${result.stderr}`);
  return result.stdout.trim().split('\n').at(-1) ?? '';
}
