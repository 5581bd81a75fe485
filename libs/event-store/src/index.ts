export * from './event-store.port';
export * from './errors';
export * from './position';
export { assertExpectedRevision } from './expected-revision';
export { InMemoryEventStore } from './in-memory/in-memory-event-store';
export { SqliteEventStore } from './sqlite/sqlite-event-store';
export type { SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store';
export type { KurrentDbEventStoreOptions } from './kurrentdb/kurrentdb-event-store';
export { CatchUpSubscription } from './subscription/catch-up-subscription';
export type { CatchUpSource } from './subscription/catch-up-subscription';
export { readAllInPages } from './reading/event-page';
export type { EventPage, PageReader } from './reading/event-page';
export { matchesStreamPrefixes } from './reading/stream-prefix';
export { handleCommand } from './command-handling/handle-command';
export type {
  CommandContext,
  Decider,
  DomainEvent,
  HandleCommandOptions,
  HandleCommandResult,
} from './command-handling/handle-command';
export { writeAuditDigest } from './command-handling/write-audit-digest';
export type { WrittenDigest } from './command-handling/write-audit-digest';
export { DEFAULT_SNAPSHOT_EVERY, foldStream, saveSnapshotIfDue } from './command-handling/fold-stream';
export type { FoldedStream, SnapshotOptions } from './command-handling/fold-stream';
export { ConcurrencyConflictError } from './command-handling/concurrency-conflict.error';
export { UnreadableEventError } from './reading/unreadable-event.error';
export * from './audit-chain';
export * from './snapshots';
