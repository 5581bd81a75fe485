import { Injectable, Logger } from '@nestjs/common';
import { StreamIntegrityError } from '@identity/event-store';

export interface IntegrityAlarm {
  streamId: string;
  revision: string;
  kind: StreamIntegrityError['kind'];
  detail: string;
  firstSeenAt: string;
}

/** The most alarms kept; more damage than this is one problem for the operator, not a memory leak. */
const MAX_ALARMS = 100;

/**
 * Streams the command path refused to decide on because they failed their hash chain (issue 13):
 * kept in the process for `/health` (degraded, and the details for an admin key), and each logged
 * once at error, naming the stream, the revision and what was wrong. `audit verify` finds the rest.
 */
@Injectable()
export class IntegrityAlarms {
  private readonly logger = new Logger('Integrity');
  private readonly alarms = new Map<string, IntegrityAlarm>();

  record(error: StreamIntegrityError, now: Date = new Date()): void {
    const key = `${error.streamId}@${error.revision}`;
    if (this.alarms.has(key) || this.alarms.size >= MAX_ALARMS) return;
    const alarm = {
      streamId: error.streamId,
      revision: error.revision.toString(),
      kind: error.kind,
      detail: error.message,
      firstSeenAt: now.toISOString(),
    };
    this.alarms.set(key, alarm);
    this.logger.error(`refused to decide on a damaged stream: ${error.message}`);
  }

  list(): IntegrityAlarm[] {
    return [...this.alarms.values()];
  }
}
