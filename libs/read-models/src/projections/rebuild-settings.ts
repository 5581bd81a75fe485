import { ReadModelDb } from '../db/read-model-db.port';

/** The rebuild's page cache (KiB, as a negative cache_size): the rebuilt tables' indexes stay in memory, not re-read per insert. */
const REBUILD_CACHE_KIB = 256 * 1024;
/** WAL pages between checkpoints while rebuilding: a page rewritten by many transactions is copied to the database file once. */
const REBUILD_WAL_AUTOCHECKPOINT = 16_384;

/**
 * Runs a rebuild with SQLite connection settings made for bulk writes, and puts the connection's own
 * settings back after. Neither touches durability (journal and synchronous stay as they are: the live
 * tables share the file), only memory and how often the WAL is checkpointed. PostgreSQL: as it is.
 */
export async function withRebuildSettings<T>(db: ReadModelDb, work: () => Promise<T>): Promise<T> {
  if (db.dialect !== 'sqlite') return work();
  const before = await db.transaction(async (tx) => {
    const [cache] = await tx.query<{ cache_size: number }>('PRAGMA cache_size');
    const [checkpoint] = await tx.query<{ wal_autocheckpoint: number }>('PRAGMA wal_autocheckpoint');
    await tx.execute(`PRAGMA cache_size = ${-REBUILD_CACHE_KIB}`);
    await tx.execute(`PRAGMA wal_autocheckpoint = ${REBUILD_WAL_AUTOCHECKPOINT}`);
    return { cacheSize: Number(cache?.cache_size ?? -2000), walAutocheckpoint: Number(checkpoint?.wal_autocheckpoint ?? 1000) };
  });
  try {
    return await work();
  } finally {
    await db.execute(`PRAGMA cache_size = ${before.cacheSize}`);
    await db.execute(`PRAGMA wal_autocheckpoint = ${before.walAutocheckpoint}`);
  }
}
