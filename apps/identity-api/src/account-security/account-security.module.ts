import { Module } from '@nestjs/common';
import { AccountSecurityReader } from './account-security.reader';
import { AccountSecurityResolver } from './account-security.resolver';
import { SecurityStateAtReader } from './security-state-at.reader';
import { SecurityStateAtResolver } from './security-state-at.resolver';

/** An account's security state: now (read model) and at an instant (folded from the event store). */
@Module({
  providers: [AccountSecurityReader, AccountSecurityResolver, SecurityStateAtReader, SecurityStateAtResolver],
  exports: [AccountSecurityReader],
})
export class AccountSecurityModule {}
