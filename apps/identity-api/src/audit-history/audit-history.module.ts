import { Module } from '@nestjs/common';
import { AccountSecurityModule } from '../account-security/account-security.module';
import { SecurityStateAtReader } from '../account-security/security-state-at.reader';
import { SecurityStateAtResolver } from '../account-security/security-state-at.resolver';
import { AuditTrailReader } from './audit-trail.reader';
import { AuditTrailResolver } from './audit-trail.resolver';

/** The auditor's reads: the audit trail (read model) and the point-in-time security state (event store). */
@Module({
  imports: [AccountSecurityModule],
  providers: [AuditTrailReader, AuditTrailResolver, SecurityStateAtReader, SecurityStateAtResolver],
})
export class AuditHistoryModule {}
