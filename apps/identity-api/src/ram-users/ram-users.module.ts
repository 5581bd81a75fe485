import { Module } from '@nestjs/common';
import { AccountSecurityModule } from '../account-security/account-security.module';
import { RamUsersReader } from './ram-users.reader';
import { RamUsersResolver } from './ram-users.resolver';

/** The read side of RAM users: `ramUsers` over `ram_users.v1` (docs/ram-users.md). */
@Module({
  imports: [AccountSecurityModule],
  providers: [RamUsersReader, RamUsersResolver],
})
export class RamUsersModule {}
