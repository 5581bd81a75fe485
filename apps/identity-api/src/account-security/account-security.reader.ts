import { Inject, Injectable } from '@nestjs/common';
import { AccountSecurityView } from '@identity/domain';
import { AccountSecurityRepository, READ_MODEL_DB, ReadModelDb } from '@identity/read-models';

/** Reads `account_security.v3`, as far as it has been projected. */
@Injectable()
export class AccountSecurityReader {
  private readonly repository: AccountSecurityRepository;

  constructor(@Inject(READ_MODEL_DB) db: ReadModelDb) {
    this.repository = new AccountSecurityRepository(db);
  }

  async find(accountId: string): Promise<AccountSecurityView | null> {
    return this.repository.find(accountId);
  }
}
