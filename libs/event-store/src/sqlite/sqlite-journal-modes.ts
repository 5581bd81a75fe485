import type Database from 'better-sqlite3';
import { accessSync, chmodSync, constants, statSync } from 'node:fs';

/**
 * SQLite creates `-wal` and `-shm` with the mode of the database file, so a start on a read-only
 * events.db leaves them read-only, and writes keep failing (even after a restart) once the operator
 * has made events.db writable again. When the database file can be written, this gives both files its
 * mode (as their owner may). Returns whether the database file can be written.
 */
export function repairJournalModes(filePath: string): boolean {
  try {
    accessSync(filePath, constants.W_OK);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
  const mode = statSync(filePath).mode & 0o777;
  for (const journal of [`${filePath}-wal`, `${filePath}-shm`]) {
    try {
      accessSync(journal, constants.W_OK);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      try {
        chmodSync(journal, mode);
      } catch {
        // Another user's file: the reopen that follows fails and the store stays refused, as it should.
      }
    }
  }
  return true;
}

const REOPEN_EVERY_MS = 1000;

/**
 * When a connection opened while the file was read-only should be replaced: once the file (and its
 * journal files, repaired) can be written, checked at most once a second so that a directory that
 * stays read-only does not cost a check per write.
 */
export class WritableReopener {
  private lastTry = 0;

  constructor(
    private readonly filePath: string,
    private readonly openDatabase: () => Database.Database,
  ) {}

  /** Whether the file can be written now (and was not checked less than a second ago). */
  due(): boolean {
    if (this.filePath === ':memory:' || Date.now() - this.lastTry < REOPEN_EVERY_MS) return false;
    this.lastTry = Date.now();
    return repairJournalModes(this.filePath);
  }

  /** A new connection; one more try if the first fails (the file was just found writable). */
  open(): Database.Database {
    try {
      return this.openDatabase();
    } catch {
      return this.openDatabase();
    }
  }
}
