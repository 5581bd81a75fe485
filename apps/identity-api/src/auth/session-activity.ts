import { Inject, Injectable } from '@nestjs/common';
import { READ_MODEL_DB, ReadModelDb, SessionsRepository } from '@identity/read-models';

/** A session's last-seen time moves in steps of this much. */
export const LAST_SEEN_RESOLUTION_MS = 60_000;
/** How many sessions one process remembers writing; past it, it forgets them all (a write each, once). */
const MAX_TRACKED_SESSIONS = 50_000;

/**
 * "Last seen" of a session, without an event: each process writes a session's time into the read
 * model at most once a minute (an in-memory map of when it last did), off the request's path; a
 * write that fails is tried again on the next request. Several instances write at most once a
 * minute each, and the time never moves back.
 */
@Injectable()
export class SessionActivity {
  private readonly lastWritten = new Map<string, number>();
  private readonly sessions: SessionsRepository;

  constructor(@Inject(READ_MODEL_DB) db: ReadModelDb) {
    this.sessions = new SessionsRepository(db);
  }

  seen(sessionId: string, now: Date): void {
    const last = this.lastWritten.get(sessionId);
    if (last !== undefined && now.getTime() - last < LAST_SEEN_RESOLUTION_MS) return;
    if (this.lastWritten.size >= MAX_TRACKED_SESSIONS) this.lastWritten.clear();
    this.lastWritten.set(sessionId, now.getTime());
    this.sessions.seen(sessionId, now.toISOString()).catch(() => this.lastWritten.delete(sessionId));
  }
}
