import { KeyObject } from 'node:crypto';
import {
  AuditMismatch,
  ChainSummary,
  ChainVerifier,
  comparePositions,
  EventStore,
  formatMismatch,
  Position,
  positionToString,
  readAllTolerant,
  SqliteEventStore,
  WorkerEventHashes,
} from '@identity/event-store';
import { ACCOUNT_SECURITY_TABLE } from '@identity/read-models';
import { AUDIT_HISTORY_TABLE } from '@identity/read-models';
import { AuditHistoryCheck } from './audit-history-check';
import { loadCheckpointIfAny, ReadModelSql, tableExists } from '@identity/read-models';
import { SecurityViewCheck } from './security-view-check';

export interface VerifyAuditTrailOptions {
  store: EventStore;
  /** The audit public key digests must be signed with; null: every digest is reported. */
  publicKey: KeyObject | null;
  /** The read-model database, SQLite or PostgreSQL (read-only); null: the read models are not compared. */
  readModels: ReadModelSql | null;
  /** Each mismatch line, then the summary line. */
  out: (line: string) => void;
  /** A line every `progressEvery` events, with the running count. */
  progress: (line: string, events?: number) => void;
  progressEvery?: number;
}

export interface VerifyAuditTrailResult {
  ok: boolean;
  mismatches: number;
  chain: ChainSummary;
  summary: string;
}

/**
 * `audit verify`: one streamed pass over `$all` checking every chain and digest, re-folding the
 * read models alongside, then comparing them. Memory grows with the number of streams only.
 */
export async function verifyAuditTrail(options: VerifyAuditTrailOptions): Promise<VerifyAuditTrailResult> {
  const { store, readModels, out, progress } = options;
  const every = options.progressEvery ?? 10_000;
  let mismatches = 0;
  const report = (m: AuditMismatch) => {
    mismatches += 1;
    out(formatMismatch(m));
  };
  // On SQLite a worker thread reads and hashes the events alongside (the second core).
  const hashes = store instanceof SqliteEventStore ? WorkerEventHashes.start(store.filePath) : null;
  const chain = new ChainVerifier(store, options.publicKey, report, hashes);
  const present = async (table: string) => readModels !== null && (await tableExists(readModels, table));
  const startOf = async (name: string, table: string) =>
    readModels && (await present(table)) ? loadCheckpointIfAny(readModels, name) : undefined;
  const securityStart = await startOf('account_security.v3', ACCOUNT_SECURITY_TABLE);
  const security =
    readModels && (await present(ACCOUNT_SECURITY_TABLE))
      ? await SecurityViewCheck.open(readModels, securityStart, report, (s) => chain.lastRevision(s))
      : null;
  const history =
    readModels && (await present(AUDIT_HISTORY_TABLE))
      ? await AuditHistoryCheck.open(readModels, await startOf('audit_history.v1', AUDIT_HISTORY_TABLE), report)
      : null;
  try {
    let count = 0;
    for await (const event of readAllTolerant(store, (error) => chain.unreadable(error))) {
      await chain.check(event);
      await security?.onEvent(event);
      await history?.onEvent(event);
      if (++count % every === 0) progress(`audit verify: ${count} events read`, count);
    }
    const notes: string[] = [];
    if (!security) notes.push(`${ACCOUNT_SECURITY_TABLE}: not present, not compared`);
    else if (!samePosition(securityStart, await startOf('account_security.v3', ACCOUNT_SECURITY_TABLE))) {
      notes.push(`${ACCOUNT_SECURITY_TABLE}: not compared, it changed during the run (stop the app for an exact comparison)`);
    } else notes.push(await security.finish());
    notes.push(history ? await history.finish() : `${AUDIT_HISTORY_TABLE}: not present, not compared`);
    const summary = summaryLine(mismatches, chain.summary(), notes);
    out(summary);
    return { ok: mismatches === 0, mismatches, chain: chain.summary(), summary };
  } finally {
    await security?.close();
    await hashes?.close();
  }
}

function samePosition(a: Position | undefined, b: Position | undefined): boolean {
  return a === undefined || b === undefined ? a === b : comparePositions(a, b) === 0;
}

function summaryLine(mismatches: number, chain: ChainSummary, notes: string[]): string {
  const verdict = mismatches === 0 ? 'OK' : `FAILED, ${mismatches} mismatch${mismatches === 1 ? '' : 'es'}`;
  const digests =
    chain.lastDigestPosition === null
      ? 'no digest (a deleted tail cannot be detected)'
      : `${chain.digests} digest${chain.digests === 1 ? '' : 's'}, the last at position ${positionToString(chain.lastDigestPosition)}` +
        ` (${chain.eventsAfterLastDigest} events after it)`;
  return `audit verify: ${verdict}: ${chain.events} events in ${chain.streams} streams, ${digests}; ${notes.join('; ')}`;
}
