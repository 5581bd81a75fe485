import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { NotAllowedError } from '../auth/access-errors';
import { CurrentPerson, CurrentPrincipal } from '../auth/current-principal.decorator';
import { mayReadAccountHistory } from '../auth/account-read.policy';
import { PersonContext, PrincipalContext } from '../auth/principal';
import { AccountModel, AccountSecurityModel } from './account-security.model';
import { AccountSecurityReader } from './account-security.reader';

@Resolver()
export class AccountSecurityResolver {
  constructor(private readonly reader: AccountSecurityReader) {}

  @Query(() => AccountModel, { nullable: true, description: 'The signed-in person.' })
  async me(@CurrentPerson() { principal }: PersonContext): Promise<AccountModel | null> {
    const view = await this.reader.find(principal.accountId);
    // An erased account has no person behind its sessions any more.
    return view && !view.erased ? AccountModel.fromView(view) : null;
  }

  @Query(() => AccountSecurityModel, {
    nullable: true,
    description: "An account's security state: for the account itself, its primary account, or an auditor.",
  })
  async accountSecurity(
    @Args('accountId', { type: () => ID }) accountId: string,
    @CurrentPrincipal() { principal }: PrincipalContext,
  ): Promise<AccountSecurityModel | null> {
    const view = await this.reader.find(accountId);
    if (!mayReadAccountHistory(principal, accountId, view?.primaryAccountId ?? null)) throw new NotAllowedError();
    return view ? AccountSecurityModel.fromView(view) : null;
  }
}
