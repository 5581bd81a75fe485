import { Server, status as GrpcStatus } from '@grpc/grpc-js';
import { GossipService, IGossipServer, IServerFeaturesServer, IStreamsServer, ServerFeaturesService, StreamsService } from './proto-loader';
import { ServerContext } from './server-context';
import { handleGetSupportedMethods, handleGossipRead } from './server-features';
import { handleAppend } from './streams-append';
import { handleBatchAppend } from './streams-batch-append';
import { handleRead } from './streams-read';

/** Registers every service the client may call, each handler counted per `Service.Method`. */
export function addServices(server: Server, context: ServerContext): void {
  server.addService(StreamsService, streamsServer(context));
  server.addService(ServerFeaturesService, serverFeaturesServer(context));
  server.addService(GossipService, gossipServer(context));
}

function streamsServer(context: ServerContext): IStreamsServer {
  return {
    read: (call) => {
      context.counted('Streams.Read');
      handleRead(context, call);
    },
    append: (call, callback) => {
      context.counted('Streams.Append');
      handleAppend(context, call, callback);
    },
    batchAppend: (call) => {
      context.counted('Streams.BatchAppend');
      if (context.settings.batchAppend) handleBatchAppend(context, call);
      else call.emit('error', { code: GrpcStatus.UNIMPLEMENTED, details: 'BatchAppend is switched off' });
    },
    delete: (_call, callback) => {
      context.counted('Streams.Delete');
      callback({ code: GrpcStatus.UNIMPLEMENTED, details: 'Delete is not implemented by the test server' });
    },
    tombstone: (_call, callback) => {
      context.counted('Streams.Tombstone');
      callback({ code: GrpcStatus.UNIMPLEMENTED, details: 'Tombstone is not implemented by the test server' });
    },
  };
}

function serverFeaturesServer(context: ServerContext): IServerFeaturesServer {
  return {
    getSupportedMethods: (call, callback) => {
      context.counted('ServerFeatures.GetSupportedMethods');
      handleGetSupportedMethods(context, call, callback);
    },
  };
}

function gossipServer(context: ServerContext): IGossipServer {
  return {
    read: (call, callback) => {
      context.counted('Gossip.Read');
      handleGossipRead(context, call, callback);
    },
  };
}
