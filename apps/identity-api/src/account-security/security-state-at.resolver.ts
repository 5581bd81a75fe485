import { Args, Context, ID, Query, Resolver } from '@nestjs/graphql';
import { RequestContext, requireAnyPrincipal } from '../auth/principal';
import { mayReadAccountHistory } from '../auth/account-read.policy';
import { apiError, forbidden } from '../graphql/api-error';
import { AccountSecurityModel } from './account-security.model';
import { SecurityStateAtReader } from './security-state-at.reader';

@Resolver()
export class SecurityStateAtResolver {
  constructor(private readonly reader: SecurityStateAtReader) {}

  @Query(() => AccountSecurityModel, {
    nullable: true,
    description:
      "An account's security state as it was at an instant, folded from its events; null before the account existed. " +
      'For the account itself, its primary account, or an auditor or admin key.',
  })
  async securityStateAt(
    @Args('accountId', { type: () => ID }) accountId: string,
    @Args('at', { type: () => Date }) at: Date,
    @Context() context: RequestContext,
  ): Promise<AccountSecurityModel | null> {
    const principal = requireAnyPrincipal(context);
    if (typeof accountId !== 'string' || accountId.length < 1 || accountId.length > 100) {
      throw apiError('BAD_USER_INPUT', 'accountId: must be 1 to 100 characters', { field: 'accountId' });
    }
    if (!(at instanceof Date) || Number.isNaN(at.getTime())) {
      throw apiError('BAD_USER_INPUT', 'at: must be an ISO-8601 date-time', { field: 'at' });
    }
    if (principal.kind === 'machine' && !mayReadAccountHistory(principal, accountId, null)) throw forbidden();
    const state = await this.reader.stateAt(accountId, at);
    if (!mayReadAccountHistory(principal, accountId, state.primaryAccountId)) throw forbidden();
    return state.view ? AccountSecurityModel.fromView(state.view) : null;
  }
}
