import { Module } from '@nestjs/common';
import { AccountSecurityModule } from '../account-security/account-security.module';
import { AuditTrailReader } from './audit-trail.reader';
import { AuditTrailResolver } from './audit-trail.resolver';

/** The auditor's read of the security history: the audit trail (read model). */
@Module({
  imports: [AccountSecurityModule],
  providers: [AuditTrailReader, AuditTrailResolver],
})
export class AuditHistoryModule {}
