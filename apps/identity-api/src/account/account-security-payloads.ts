import { Injectable } from '@nestjs/common';
import { AccountSecurityModel } from '../account-security/account-security.model';
import { AccountSecurityReader } from '../account-security/account-security.reader';
import { AccountWrite } from './account-command-runner';

/** A mutation's payload shows its own write: the read model is read once it has reached the append. */
@Injectable()
export class AccountSecurityPayloads {
  constructor(private readonly reader: AccountSecurityReader) {}

  async securityAfter(write: AccountWrite): Promise<AccountSecurityModel> {
    const view = await this.reader.find(write.accountId, write.position);
    if (!view) throw new Error(`account_security.v1 has no row for ${write.accountId}`);
    return AccountSecurityModel.fromView(view);
  }
}
