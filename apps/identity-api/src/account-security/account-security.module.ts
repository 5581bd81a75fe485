import { Module } from '@nestjs/common';
import { AccountSecurityReader } from './account-security.reader';
import { AccountSecurityResolver } from './account-security.resolver';

@Module({
  providers: [AccountSecurityReader, AccountSecurityResolver],
  exports: [AccountSecurityReader],
})
export class AccountSecurityModule {}
