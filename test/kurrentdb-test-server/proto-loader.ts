/**
 * The one place that reaches into the client package for its generated gRPC definitions, so the
 * test server speaks exactly the wire format the installed `@kurrent/kurrentdb-client` speaks.
 * The package has no `exports` map, so its `generated/` files resolve as plain deep paths.
 */
export { StreamsService, type IStreamsServer } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_grpc_pb';
export {
  ServerFeaturesService,
  type IServerFeaturesServer,
} from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/serverfeatures_grpc_pb';
export { GossipService, type IGossipServer } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/gossip_grpc_pb';
export {
  AppendReq,
  AppendResp,
  BatchAppendReq,
  BatchAppendResp,
  ReadReq,
  ReadResp,
} from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb';
export {
  AllStreamPosition,
  Empty,
  StreamIdentifier,
  UUID,
  WrongExpectedVersion,
} from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb';
export { Status } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/status_pb';
export { Code } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/code_pb';
export { SupportedMethod, SupportedMethods } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/serverfeatures_pb';
export { ClusterInfo, EndPoint, MemberInfo } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/gossip_pb';
export { Any } from 'google-protobuf/google/protobuf/any_pb';
export { Empty as ProtobufEmpty } from 'google-protobuf/google/protobuf/empty_pb';
export { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';
