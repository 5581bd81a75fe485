import { EventRegistry } from '../events/event-spec';
import { Instant } from '../shared/types';

/** The category of the signed audit digests, which the event store's audit chain writes. */
export const AUDIT_DIGEST_CATEGORY = 'auditdigest';

/**
 * A signed digest of every stream's head (written by libs/event-store; shape in docs/audit.md).
 * Nothing in it is secret. Version 2 signs the Merkle root of the heads (`headsRoot`); the digests
 * written before it (no `version`) list every head in `heads`, and stay as they were stored.
 */
export type AuditDigestSigned = {
  type: 'AuditDigestSigned';
  data: {
    version?: 2;
    algorithm: string;
    keyId: string;
    at: Instant;
    coversPosition: string | null;
    streamCount: number;
    heads?: Record<string, { revision: string; hash: string }>;
    headsRoot?: string;
    signature: string;
  };
};

export const AUDIT_DIGEST_EVENT_REGISTRY = {
  AuditDigestSigned: {
    decode: (r) => {
      const signed = {
        algorithm: r.string('algorithm'),
        keyId: r.string('keyId'),
        at: r.instant('at'),
        coversPosition: r.nullableString('coversPosition'),
        streamCount: r.integer('streamCount'),
      };
      if (r.optionalInteger('version', 1) === 2)
        return { version: 2, ...signed, headsRoot: r.string('headsRoot'), signature: r.string('signature') };
      return { ...signed, heads: r.heads('heads'), signature: r.string('signature') };
    },
    auditFields: ['version', 'algorithm', 'keyId', 'at', 'coversPosition', 'streamCount', 'heads', 'headsRoot', 'signature'],
    lockout: 'NONE',
    integration: null,
  },
} as const satisfies EventRegistry<AuditDigestSigned>;
