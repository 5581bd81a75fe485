import { EventRegistry } from '../events/event-spec';
import { Instant } from '../shared/types';

/** The category of the signed audit digests, which the event store's audit chain writes. */
export const AUDIT_DIGEST_CATEGORY = 'auditdigest';

/** A signed digest of every stream's head (written by libs/event-store; shape in docs/audit.md). Nothing in it is secret. */
export type AuditDigestSigned = {
  type: 'AuditDigestSigned';
  data: {
    algorithm: string;
    keyId: string;
    at: Instant;
    coversPosition: string | null;
    streamCount: number;
    heads: Record<string, { revision: string; hash: string }>;
    signature: string;
  };
};

export const AUDIT_DIGEST_EVENT_REGISTRY = {
  AuditDigestSigned: {
    decode: (r) => ({
      algorithm: r.string('algorithm'),
      keyId: r.string('keyId'),
      at: r.instant('at'),
      coversPosition: r.nullableString('coversPosition'),
      streamCount: r.integer('streamCount'),
      heads: r.heads('heads'),
      signature: r.string('signature'),
    }),
    auditFields: ['algorithm', 'keyId', 'at', 'coversPosition', 'streamCount', 'heads', 'signature'],
    lockout: 'NONE',
    integration: null,
  },
} as const satisfies EventRegistry<AuditDigestSigned>;
