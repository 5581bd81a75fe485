import { Module } from '@nestjs/common';
import { AuditDigestService } from './audit-digest.service';

/** The periodic signed digest of the stream heads (tamper evidence, docs/audit.md). */
@Module({ providers: [AuditDigestService] })
export class AuditDigestModule {}
