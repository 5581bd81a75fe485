export { SNAPSHOT_STORE } from './snapshot-store.port';
export type { Snapshot, SnapshotErrorReporter, SnapshotStore } from './snapshot-store.port';
export { InMemorySnapshotStore } from './in-memory-snapshot-store';
export { SqliteSnapshotStore } from './sqlite-snapshot-store';
export type { SqliteSnapshotStoreOptions } from './sqlite-snapshot-store';
export { CachedSnapshotStore } from './cached-snapshot-store';
export type { CachedSnapshotStoreOptions } from './cached-snapshot-store';
