import { credentials, ServiceError } from '@grpc/grpc-js';
import { jsonEvent, KurrentDBClient } from '@kurrent/kurrentdb-client';
import { GossipClient } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/gossip_grpc_pb';
import { ServerFeaturesClient } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/serverfeatures_grpc_pb';
import { StreamsClient } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_grpc_pb';
import { KurrentDbTestServer } from './kurrentdb-test-server';
import { streamIdentifier, uuidMessage, uuidToString } from './message-codec';
import { ClusterInfo, Empty, MemberInfo, ReadReq, ReadResp, SupportedMethods } from './proto-loader';
import { defined } from '@identity/testing';

jest.setTimeout(20_000);

/** Raw generated gRPC clients, for what the high-level client never calls on a single node. */
function unary<T>(call: (callback: (error: ServiceError | null, value?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => call((error, value) => (error ? reject(error) : resolve(value as T))));
}

describe('KurrentDbTestServer protocol details', () => {
  let server: KurrentDbTestServer;
  afterEach(async () => server.stop());

  it('Gossip.Read answers one live leader at the server address', async () => {
    server = await KurrentDbTestServer.start();
    const gossip = new GossipClient(`127.0.0.1:${server.port}`, credentials.createInsecure());
    const info = await unary<ClusterInfo>((callback) => gossip.read(new Empty(), callback));
    gossip.close();

    const members = info.getMembersList();
    expect(members).toHaveLength(1);
    expect(members[0]?.getState()).toBe(MemberInfo.VNodeState.LEADER);
    expect(members[0]?.getIsAlive()).toBe(true);
    expect(members[0]?.getHttpEndPoint()?.toObject()).toEqual({ address: '127.0.0.1', port: server.port });
    expect(server.callCount('Gossip.Read')).toBe(1);
  });

  it.each([true, false])('GetSupportedMethods lists batchappend only when enabled (%s)', async (batchAppend) => {
    server = await KurrentDbTestServer.start({ batchAppend, serverVersion: '25.0.1' });
    const features = new ServerFeaturesClient(`127.0.0.1:${server.port}`, credentials.createInsecure());
    const supported = await unary<SupportedMethods>((callback) => features.getSupportedMethods(new Empty(), callback));
    features.close();

    const paths = supported.getMethodsList().map((method) => `${method.getServiceName()}/${method.getMethodName()}`);
    expect(paths).toContain('event_store.client.streams.streams/append');
    expect(paths.includes('event_store.client.streams.streams/batchappend')).toBe(batchAppend);
    expect(supported.getEventStoreServerVersion()).toBe('25.0.1');
  });

  it('answers a read asking for structured UUIDs with the structured form', async () => {
    server = await KurrentDbTestServer.start({ systemEvents: false });
    const id = '00112233-4455-6677-8899-aabbccddeeff';
    server.appendDirect('account-1', [{ id, type: 'Opened', data: {} }]);
    const options = new ReadReq.Options()
      .setStream(new ReadReq.Options.StreamOptions().setStreamIdentifier(streamIdentifier('account-1')).setStart(new Empty()))
      .setCount('10')
      .setNoFilter(new Empty())
      .setUuidOption(new ReadReq.Options.UUIDOption().setStructured(new Empty()));
    const streams = new StreamsClient(`127.0.0.1:${server.port}`, credentials.createInsecure());
    const responses: ReadResp[] = [];
    await new Promise<void>((resolve, reject) => {
      const call = streams.read(new ReadReq().setOptions(options));
      call.on('data', (response: ReadResp) => responses.push(response));
      call.on('end', resolve);
      call.on('error', reject);
    });
    streams.close();

    const structured = defined(responses[0]).getEvent()!.getEvent()!.getId()!.getStructured()!;
    expect(structured.getMostSignificantBits()).toBe('4822678189205111');
    expect(structured.getLeastSignificantBits()).toBe('-8603657889541918977');
    expect(uuidToString(uuidMessage(id, true))).toBe(id);
  });

  it('joins a batch append the client split into several requests', async () => {
    server = await KurrentDbTestServer.start({ batchAppend: true });
    const client = KurrentDBClient.connectionString(server.connectionString);
    try {
      const events = ['A', 'B', 'C'].map((type) => jsonEvent({ type, data: { padding: 'x'.repeat(64) } }));
      // A 1-byte batch size makes the client send one request per event, only the last final.
      const result = await client.appendToStream('account-1', events, { batchAppendSize: 1 });

      expect(result.nextExpectedRevision).toBe(2n);
      expect(server.events('account-1').map((event) => event.type)).toEqual(['A', 'B', 'C']);
      expect(new Set(server.events('account-1').map((event) => event.position.commit)).size).toBe(1);
    } finally {
      await client.dispose();
    }
  });
});
