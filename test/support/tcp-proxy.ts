import { createServer, Server, Socket, connect } from 'node:net';
import { findFreePort } from './app-process';

/**
 * A TCP proxy in front of a server (PostgreSQL, SMTP) that a suite can stall or cut: every open connection is
 * destroyed at once and new ones are refused, as a server killed with `pg_ctl stop -m immediate` does
 * to its clients, then restored on the same port. The real server is shared by other suites and stays up.
 */
export class TcpProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private stalled = false;

  private constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const proxy = new TcpProxy(await findFreePort(), target);
    await proxy.restore();
    return proxy;
  }

  /** Listens again: new connections reach the server. */
  restore(): Promise<void> {
    if (this.server) return Promise.resolve();
    const server = createServer((client) => this.pipe(client));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  /** Drops every connection and stops listening: clients see their connections end unexpectedly. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** While stalled, new connections are accepted and then never answered (a server that hangs). */
  stall(stalled: boolean): void {
    this.stalled = stalled;
  }

  close(): Promise<void> {
    return this.cut();
  }

  private pipe(client: Socket): void {
    if (this.stalled) {
      this.sockets.add(client);
      client.on('error', () => undefined);
      client.on('close', () => this.sockets.delete(client));
      return;
    }
    const upstream = connect(this.target.port, this.target.host);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        this.sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
