import { Args, Context, ID, Query, Resolver } from '@nestjs/graphql';
import { forbidden } from '../graphql/api-error';
import { RequestContext, requireAnyPrincipal, requirePerson } from '../auth/principal';
import { mayReadAccountHistory } from '../auth/account-read.policy';
import { AccountModel, AccountSecurityModel } from './account-security.model';
import { AccountSecurityReader } from './account-security.reader';

@Resolver()
export class AccountSecurityResolver {
  constructor(private readonly reader: AccountSecurityReader) {}

  @Query(() => AccountModel, { nullable: true, description: 'The signed-in person.' })
  async me(@Context() context: RequestContext): Promise<AccountModel | null> {
    const person = requirePerson(context);
    const view = await this.reader.find(person.accountId);
    return view ? AccountModel.fromView(view) : null;
  }

  @Query(() => AccountSecurityModel, {
    nullable: true, description: "An account's security state: for the account itself, its primary account, or an auditor.",
  })
  async accountSecurity(
    @Args('accountId', { type: () => ID }) accountId: string,
    @Context() context: RequestContext,
  ): Promise<AccountSecurityModel | null> {
    const principal = requireAnyPrincipal(context);
    const view = await this.reader.find(accountId);
    if (!mayReadAccountHistory(principal, accountId, view?.primaryAccountId ?? null)) throw forbidden();
    return view ? AccountSecurityModel.fromView(view) : null;
  }
}
