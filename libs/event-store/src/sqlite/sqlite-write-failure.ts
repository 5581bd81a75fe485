import Database from 'better-sqlite3';
import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';

/** Why the file cannot take writes now; each is a state the operator can fix without a restart. */
export type WriteFailureReason = 'disk full' | 'read-only' | 'I/O error';

/**
 * The SQLite result code of a better-sqlite3 error (`SQLITE_BUSY`, …), or null for anything else. By
 * name and shape as well as by class, so that an error from another copy of the driver is recognised.
 */
export function sqliteErrorCode(error: unknown): string | null {
  if (error instanceof Database.SqliteError) return error.code;
  const candidate = error as { name?: unknown; code?: unknown } | null;
  return candidate?.name === 'SqliteError' && typeof candidate.code === 'string' ? candidate.code : null;
}

/** A write refused by the file system rather than by the store's rules (a wrong revision is not one). */
export function writeFailureReason(error: unknown): WriteFailureReason | null {
  const code = sqliteErrorCode(error);
  if (code === null) return null;
  if (code === 'SQLITE_FULL') return 'disk full';
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN') return 'read-only';
  if (code.startsWith('SQLITE_IOERR')) return 'I/O error';
  return null;
}

/** Free space at least this big lets a disk-full store try writing again (health probes it). */
const ROOM_TO_RESUME_BYTES = 1024 * 1024;

/**
 * Remembers the last write the file system refused, so that health says so (503) while it lasts. A
 * later successful write clears it; so does health finding room again on a full disk, so that the
 * next write is tried rather than the store staying down until something writes.
 */
export class WriteFailureTracker {
  private failure: { reason: WriteFailureReason; since: Date } | null = null;

  constructor(private readonly filePath: string) {}

  failed(reason: WriteFailureReason): void {
    this.failure ??= { reason, since: new Date() };
  }

  succeeded(): void {
    this.failure = null;
  }

  /** The failure still in force, or null. */
  current(): { reason: WriteFailureReason; since: Date } | null {
    if (this.failure?.reason === 'disk full' && this.filePath !== ':memory:' && freeBytes(dirname(this.filePath)) >= ROOM_TO_RESUME_BYTES) {
      this.failure = null;
    }
    return this.failure;
  }
}

function freeBytes(directory: string): number {
  try {
    const stats = statfsSync(directory);
    return Number(stats.bavail) * Number(stats.bsize);
  } catch {
    return 0;
  }
}
