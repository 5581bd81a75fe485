import { AddressInfo, createServer, Server, Socket } from 'node:net';
import { KurrentDbTestServer } from '../../../../test/kurrentdb-test-server';
import { EventStoreUnavailableError } from '../errors';
import { AppendResult, NewEvent } from '../event-store.port';
import { ids, newEvent, uniquePrefix } from '../testing/contract-helpers';
import { KurrentDbEventStore } from './kurrentdb-event-store';

jest.setTimeout(20_000);

/** Accepts TCP connections and never says a word: a server that hangs instead of refusing. */
async function startSilentServer(): Promise<{ port: number; stop: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Appends as a caller would after an outage: retrying while the store reports itself unavailable. */
async function appendWithRetries(store: KurrentDbEventStore, streamId: string, event: NewEvent): Promise<AppendResult> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await store.appendToStream(streamId, [event], 'any');
    } catch (error) {
      if (!(error instanceof EventStoreUnavailableError) || attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

describe('KurrentDbEventStore connection string', () => {
  it('names KURRENTDB_CONNECTION_STRING when the string is malformed, without echoing it', () => {
    for (const bad of ['', 'http://localhost:2113', 'kurrentdb://admin:s3cr3t@localhost:notaport?tls=false']) {
      let message = '';
      try {
        new KurrentDbEventStore({ connectionString: bad });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toContain('KURRENTDB_CONNECTION_STRING');
      expect(message).not.toContain('s3cr3t');
    }
  });

  it('accepts the legacy esdb:// scheme', async () => {
    const server = await KurrentDbTestServer.start();
    const store = new KurrentDbEventStore({ connectionString: server.connectionString.replace(/^kurrentdb:/, 'esdb:') });
    try {
      const streamId = `${uniquePrefix()}1`;
      const event = newEvent();
      await store.appendToStream(streamId, [event], 'no_stream');
      expect(ids(await store.readStream(streamId))).toEqual([event.id]);
    } finally {
      await store.close();
      await server.stop();
    }
  });
});

describe('KurrentDbEventStore against a server that never answers', () => {
  // The test's own timeout is the "does not hang" bound: the client alone would wait 10 s (its
  // default deadline) before failing this append; the adapter gives up after appendTimeoutMs.
  const NOT_A_HANG_MS = 8000;

  it(
    'fails the append with EventStoreUnavailableError instead of hanging, and recovers once a server answers',
    async () => {
      const silent = await startSilentServer();
      const store = new KurrentDbEventStore({
        connectionString: `kurrentdb://127.0.0.1:${silent.port}?tls=false`,
        appendTimeoutMs: 1000,
        healthTimeoutMs: 1000,
      });
      let server: KurrentDbTestServer | undefined;
      try {
        const streamId = `${uniquePrefix()}1`;
        await expect(store.appendToStream(streamId, [newEvent()], 'no_stream')).rejects.toBeInstanceOf(EventStoreUnavailableError);
        expect(await store.health()).toMatchObject({ name: 'kurrentdb', up: false });

        await silent.stop();
        server = await KurrentDbTestServer.start({ port: silent.port });
        // The client that hung is replaced; the connection may still be backing off for a moment.
        const event = newEvent();
        expect((await appendWithRetries(store, streamId, event)).nextRevision).toBe(0n);
        expect(ids(await store.readStream(streamId))).toEqual([event.id]);
      } finally {
        await store.close();
        await server?.stop();
        await silent.stop().catch(() => undefined);
      }
    },
    NOT_A_HANG_MS,
  );

  it('refuses calls after close', async () => {
    const store = new KurrentDbEventStore({ connectionString: 'kurrentdb://127.0.0.1:1?tls=false' });
    await store.close();
    await expect(store.readStream('any-1')).rejects.toBeInstanceOf(EventStoreUnavailableError);
    expect(() => store.subscribeToAll()).toThrow(EventStoreUnavailableError);
    expect(await store.health()).toEqual({ name: 'kurrentdb', up: false, detail: 'closed' });
  });
});
