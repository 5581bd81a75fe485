import { Args, Context, Info, Int, Query, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { Principal, RequestContext, requireAnyPrincipal } from '../auth/principal';
import { AccountSecurityReader } from '../account-security/account-security.reader';
import { apiError, forbidden } from '../graphql/api-error';
import { mayReadAccountHistory, mayReadEveryAccount } from '../auth/account-read.policy';
import { AuditEventConnectionModel } from './audit-event.model';
import { AuditFilterInput } from './audit-filter.input';
import { AuditTrailReader, DEFAULT_PAGE_SIZE } from './audit-trail.reader';
import { requestedAuditFields } from './audit-page-fields';

@Resolver()
export class AuditTrailResolver {
  constructor(
    private readonly trail: AuditTrailReader,
    private readonly accounts: AccountSecurityReader,
  ) {}

  /** A read model: it lags the event store by the audit projection's delay (no read-your-writes here). */
  @Query(() => AuditEventConnectionModel, {
    description: "The security history in position order: an auditor or admin key reads any account's (or all), a person their own.",
  })
  async auditTrail(
    @Context() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Args('filter', { type: () => AuditFilterInput, nullable: true }) filter?: AuditFilterInput,
    @Args('first', { type: () => Int, nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: 'Page size, 1 to 100.' })
    first?: number,
    @Args('after', { type: () => String, nullable: true, description: 'The `endCursor` of the previous page.' }) after?: string,
  ): Promise<AuditEventConnectionModel> {
    // Parameter types are plain classes (no `| null`) so that the validation pipe sees AuditFilterInput; null may still arrive.
    const principal = requireAnyPrincipal(context);
    const accountId = await this.scope(principal, filter?.accountId ?? null);
    if (filter?.from && filter.to && filter.from.getTime() > filter.to.getTime()) {
      throw apiError('BAD_USER_INPUT', 'to: must not be before from', { field: 'to' });
    }
    const query = { accountId, types: filter?.types, from: filter?.from, to: filter?.to, first, after };
    const page = await this.trail.page(query, requestedAuditFields(info));
    return AuditEventConnectionModel.fromPage(page);
  }

  /** The account whose events the principal asked for and may read; `null` for every account. */
  private async scope(principal: Principal, requested: string | null): Promise<string | null> {
    if (requested === null) {
      if (principal.kind === 'person') return principal.accountId;
      if (!mayReadEveryAccount(principal)) throw forbidden();
      return null;
    }
    const primaryAccountId =
      principal.kind === 'person' && principal.accountId !== requested
        ? ((await this.accounts.find(requested))?.primaryAccountId ?? null)
        : null;
    if (!mayReadAccountHistory(principal, requested, primaryAccountId)) throw forbidden();
    return requested;
  }
}
