import { ACCOUNT_EVENT_TYPES, decodeAccountEvent, STREAM_CATEGORIES } from '@identity/domain';
import { RecordedEvent } from '@identity/event-store';
import { Projection } from '../projections/projection';
import { ReadModelSql } from '../db/read-model-db.port';
import { SESSIONS_TABLE, SessionsRepository } from './sessions.repository';

const KNOWN_TYPES = new Set<string>(ACCOUNT_EVENT_TYPES);
const SESSION_EVENT_TYPES = new Set<string>(['LoginSucceeded', 'StepUpSucceeded', 'SessionsEnded']);

/**
 * `sessions.v1`: one row per session, from the account events that start, prove and end it; the
 * client address and user agent come from the logon event's metadata. Last seen is not an event:
 * the session check writes it (SessionsRepository.seen), at most once a minute per session.
 */
export class SessionsProjection implements Projection {
  readonly name = 'sessions.v1';
  private readonly accountPrefix = `${STREAM_CATEGORIES.account}-`;
  readonly streamPrefixes = [this.accountPrefix];
  readonly tables: readonly string[];

  constructor(private readonly table = SESSIONS_TABLE) {
    this.tables = [table];
  }

  writingInto(rename: (table: string) => string): SessionsProjection {
    return new SessionsProjection(rename(this.table));
  }

  async setUp(db: ReadModelSql): Promise<void> {
    await SessionsRepository.setUp(db, this.table);
  }

  async apply(db: ReadModelSql, recorded: RecordedEvent): Promise<void> {
    if (!recorded.streamId.startsWith(this.accountPrefix) || !KNOWN_TYPES.has(recorded.type)) return;
    if (!SESSION_EVENT_TYPES.has(recorded.type)) return;
    const event = decodeAccountEvent(recorded.type, recorded.data);
    const accountId = recorded.streamId.slice(this.accountPrefix.length);
    const sessions = new SessionsRepository(db, this.table);
    if (event.type === 'LoginSucceeded') {
      const d = event.data;
      await sessions.started({
        sessionId: d.sessionId,
        accountId,
        createdAt: d.at,
        expiresAt: d.expiresAt,
        clientAddress: recorded.metadata.ip ?? null,
        userAgent: recorded.metadata.userAgent ?? null,
        proofMethod: d.method,
        proofAuthenticatorId: d.authenticatorId,
        secondFactorAt: d.method === 'PASSWORD' ? null : d.at,
      });
    } else if (event.type === 'StepUpSucceeded') {
      await sessions.steppedUp(accountId, event.data.sessionId, event.data.method, event.data.at);
    } else if (event.type === 'SessionsEnded') {
      await sessions.ended(accountId, event.data.sessionIds, event.data.reason, event.data.at);
    }
  }
}
