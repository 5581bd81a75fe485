import { randomUUID } from 'node:crypto';
import { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import { uuidMessage } from './message-codec';
import { ClusterInfo, Empty, EndPoint, MemberInfo, SupportedMethod, SupportedMethods } from './proto-loader';
import { ServerContext } from './server-context';

/**
 * `ServerFeatures.GetSupportedMethods`. Real servers list service and method names in lower
 * case; the Node client lower-cases `/<service>/<method>` before matching, the Rust bridge (used
 * for reads) compares the lower-case strings as they are and parses the version as semver.
 */
const STREAMS_SERVICE = 'event_store.client.streams.streams';

export function supportedMethods(context: ServerContext): SupportedMethods {
  const methods: Array<[service: string, method: string]> = [
    [STREAMS_SERVICE, 'read'],
    [STREAMS_SERVICE, 'append'],
    ...(context.settings.batchAppend ? [[STREAMS_SERVICE, 'batchappend'] as [string, string]] : []),
    ['event_store.client.server_features.serverfeatures', 'getsupportedmethods'],
    ['event_store.client.gossip.gossip', 'read'],
  ];
  return new SupportedMethods()
    .setEventStoreServerVersion(context.settings.serverVersion)
    .setMethodsList(methods.map(([service, method]) => new SupportedMethod().setServiceName(service).setMethodName(method)));
}

export function handleGetSupportedMethods(
  context: ServerContext,
  _call: ServerUnaryCall<Empty, SupportedMethods>,
  callback: sendUnaryData<SupportedMethods>,
): void {
  callback(null, supportedMethods(context));
}

const TICKS_PER_MILLISECOND = 10_000n;
const instanceId = randomUUID();

/** `Gossip.Read`: a one-member cluster whose leader is this server. */
export function handleGossipRead(
  context: ServerContext,
  _call: ServerUnaryCall<Empty, ClusterInfo>,
  callback: sendUnaryData<ClusterInfo>,
): void {
  const { host, port } = context.settings;
  const leader = new MemberInfo()
    .setInstanceId(uuidMessage(instanceId, false))
    .setTimeStamp((BigInt(Date.now()) * TICKS_PER_MILLISECOND).toString())
    .setState(MemberInfo.VNodeState.LEADER)
    .setIsAlive(true)
    .setHttpEndPoint(new EndPoint().setAddress(host).setPort(port));
  callback(null, new ClusterInfo().setMembersList([leader]));
}
