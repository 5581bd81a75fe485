import { Inject, Injectable } from '@nestjs/common';
import { AccountSecurityView } from '@identity/domain';
import { Position } from '@identity/event-store';
import { READ_MODEL_DB, ReadModelDb } from '@identity/read-models';
import { ProjectionsService } from '../projections/projections.service';
import { AccountSecurityRepository } from '@identity/read-models';

/** Reads `account_security.v1`, after waiting for a position when a caller must see its own write. */
@Injectable()
export class AccountSecurityReader {
  private readonly repository: AccountSecurityRepository;

  constructor(@Inject(READ_MODEL_DB) db: ReadModelDb, private readonly projections: ProjectionsService) {
    this.repository = new AccountSecurityRepository(db);
  }

  async find(accountId: string, atLeast?: Position | null): Promise<AccountSecurityView | null> {
    if (atLeast) await this.projections.waitFor('account_security.v1', atLeast);
    return this.repository.find(accountId);
  }
}
