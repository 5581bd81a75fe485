export {
  KurrentDbTestServer,
  type DirectEvent,
  type KurrentDbTestServerOptions,
  type StopMode,
  type TestServerEvent,
} from './kurrentdb-test-server';
export type { MethodName } from './server-context';
export type { LogPosition } from './in-memory-log';
