import { Module } from '@nestjs/common';
import { ProjectionsModule } from '../projections/projections.module';
import { AccountSecurityReader } from './account-security.reader';
import { AccountSecurityResolver } from './account-security.resolver';

@Module({
  imports: [ProjectionsModule],
  providers: [AccountSecurityReader, AccountSecurityResolver],
  exports: [AccountSecurityReader],
})
export class AccountSecurityModule {}
