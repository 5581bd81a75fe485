import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { KurrentDbTestServer } from './kurrentdb-test-server';

/** A fresh test server and a real client connected to it, for each test. Read the fields in tests. */
export interface ServerAndClient {
  readonly server: KurrentDbTestServer;
  readonly client: KurrentDBClient;
}

/** Registers the `beforeEach` that starts both and the `afterEach` that disposes of both. */
export function serverAndClientPerTest(options: { batchAppend: boolean }): ServerAndClient {
  const fixture = {} as { server: KurrentDbTestServer; client: KurrentDBClient };
  beforeEach(async () => {
    fixture.server = await KurrentDbTestServer.start(options);
    fixture.client = KurrentDBClient.connectionString(fixture.server.connectionString);
  });
  afterEach(async () => {
    await fixture.client.dispose();
    await fixture.server.stop();
  });
  return fixture;
}

/** The error a call failed with; fails the test when the call succeeds. */
export async function caught<E = Error & { code?: number }>(promise: Promise<unknown>): Promise<E> {
  try {
    await promise;
  } catch (error) {
    return error as E;
  }
  throw new Error('expected the call to fail');
}
