import { status as GrpcStatus } from '@grpc/grpc-js';
import { CancelledError, jsonEvent, KurrentDBClient, START, UnavailableError } from '@kurrent/kurrentdb-client';
import { caught, serverAndClientPerTest } from './client-fixture';
import { has, ProbeEntry, SubscriptionProbe } from './subscription-probe';

jest.setTimeout(20_000);

async function readTypes(client: KurrentDBClient, streamId: string): Promise<string[]> {
  const types: string[] = [];
  for await (const resolved of client.readStream(streamId)) types.push(resolved.event!.type);
  return types;
}

const errorOf = (probe: SubscriptionProbe) =>
  (probe.entries.find((entry) => entry.kind === 'error') as (ProbeEntry & { kind: 'error' }) | undefined)?.error;

describe.each([true, false])('outages (batchAppend=%s)', (batchAppend) => {
  const fixture = serverAndClientPerTest({ batchAppend });

  it('stop fails appends and subscriptions with UNAVAILABLE; after restart the same client works again', async () => {
    await fixture.client.appendToStream('account-1', jsonEvent({ type: 'Before', data: {} }));
    expect(await readTypes(fixture.client, 'account-1')).toEqual(['Before']); // the read path connects too
    const probe = new SubscriptionProbe().attach(fixture.client.subscribeToAll({ fromPosition: START }));
    await probe.until(has('caughtUp'));
    const port = fixture.server.port;

    await fixture.server.stop();
    await probe.until(has('error'));
    expect(errorOf(probe)).toBeInstanceOf(UnavailableError);
    const failure = await caught(fixture.client.appendToStream('account-1', jsonEvent({ type: 'During', data: {} })));
    // Depending on the path the fixture.client rejects with its UnavailableError or with the raw gRPC
    // error; both carry the gRPC status code.
    expect(failure.code).toBe(GrpcStatus.UNAVAILABLE);
    expect(fixture.server.isRunning).toBe(false);

    await fixture.server.restart();
    expect(fixture.server.port).toBe(port);
    const after = await fixture.client.appendToStream('account-1', jsonEvent({ type: 'After', data: {} }));
    expect(after.nextExpectedRevision).toBe(1n);
    expect(await readTypes(fixture.client, 'account-1')).toEqual(['Before', 'After']);
  });

  it('stopAfterAppend acknowledges the matching append, then is down for the next call', async () => {
    const stopped = fixture.server.stopAfterAppend((streamId, types) => streamId === 'account-2' && types.includes('Last'));
    await fixture.client.appendToStream('account-1', jsonEvent({ type: 'Last', data: {} }));
    expect(fixture.server.isRunning).toBe(true);
    const acknowledged = await fixture.client.appendToStream('account-2', jsonEvent({ type: 'Last', data: {} }));
    expect(acknowledged.success).toBe(true);
    await stopped;
    expect(fixture.server.isRunning).toBe(false);
    expect(fixture.server.events('account-2').map((e) => e.type)).toEqual(['Last']);
    await expect(readTypes(fixture.client, 'account-2')).rejects.toThrow();
  });

  it('stop({ subscriptions: "silent" }) ends subscriptions normally', async () => {
    const probe = new SubscriptionProbe().attach(fixture.client.subscribeToAll({ fromPosition: START }));
    await probe.until(has('caughtUp'));

    await fixture.server.stop({ subscriptions: 'silent' });
    await probe.until(has('end'));

    expect(errorOf(probe)).toBeUndefined();
  });

  it('stop({ subscriptions: "abort" }) drops the connection under the subscription', async () => {
    const probe = new SubscriptionProbe().attach(fixture.client.subscribeToAll({ fromPosition: START }));
    await probe.until(has('caughtUp'));

    await fixture.server.stop({ subscriptions: 'abort' });
    await probe.until(has('error'));

    // The fixture.client sees the torn-down call as cancelled, not as a status from the fixture.server.
    expect(errorOf(probe)).toBeInstanceOf(CancelledError);
    expect(errorOf(probe)).toMatchObject({ code: GrpcStatus.CANCELLED });
  });

  it('restart keeps the data and the system events', async () => {
    await fixture.client.appendToStream('account-1', jsonEvent({ type: 'Kept', data: { n: 1 } }));
    const before = fixture.server.events();

    await fixture.server.restart();

    expect(fixture.server.events()).toEqual(before);
    const fresh = KurrentDBClient.connectionString(fixture.server.connectionString);
    try {
      expect(await readTypes(fresh, 'account-1')).toEqual(['Kept']);
    } finally {
      await fresh.dispose();
    }
  });
});
