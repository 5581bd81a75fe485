import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { mayReadEveryAccount } from '../auth/account-read.policy';
import { PrincipalContext } from '../auth/principal';
import { apiError, forbidden } from '../graphql/api-error';
import { PageInfoModel } from '../audit-history/audit-event.model';
import { AccountSecurityReader } from '../account-security/account-security.reader';
import { RamUserConnectionModel, RamUserEdgeModel, RamUsersFilterInput } from './ram-user-connection.model';
import { RamUserStatusEnum } from './ram-user.model';
import { decodeRamUserCursor } from './ram-user-cursor';
import { RamUsersReader } from './ram-users.reader';

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;

@Resolver()
export class RamUsersResolver {
  constructor(
    private readonly reader: RamUsersReader,
    private readonly accounts: AccountSecurityReader,
  ) {}

  /** A read model: it lags the event store by the projection's delay. */
  @Query(() => RamUserConnectionModel, {
    description: "A primary account's RAM users (the signed-in primary's own; an auditor or admin key names filter.primaryAccountId).",
  })
  async ramUsers(
    @CurrentPrincipal() { principal }: PrincipalContext,
    @Args('first', { type: () => Int, nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: 'Page size, 1 to 100.' })
    first?: number,
    @Args('after', { type: () => String, nullable: true, description: 'The `endCursor` of the previous page.' }) after?: string,
    @Args('filter', { type: () => RamUsersFilterInput, nullable: true }) filter?: RamUsersFilterInput,
  ): Promise<RamUserConnectionModel> {
    const limit = first ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
      throw apiError('BAD_USER_INPUT', `first: must be an integer from 1 to ${MAX_PAGE_SIZE}`, { field: 'first' });
    }
    const cursor = after ? decodeRamUserCursor(after) : null;
    if (after && !cursor) throw apiError('BAD_USER_INPUT', 'after: not a cursor of this list', { field: 'after' });
    const primaryAccountId = await this.primaryOf(principal, filter?.primaryAccountId ?? null);
    const page = await this.reader.page({
      primaryAccountId,
      after: cursor,
      first: limit,
      ...(filter?.status ? { disabled: filter.status === RamUserStatusEnum.DISABLED } : {}),
      ...(typeof filter?.mfaBound === 'boolean' ? { mfaBound: filter.mfaBound } : {}),
    });
    const edges = page.edges.map((edge) => Object.assign(new RamUserEdgeModel(), edge));
    return Object.assign(new RamUserConnectionModel(), {
      edges,
      pageInfo: Object.assign(new PageInfoModel(), { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }),
    });
  }

  /** Whose users: a person's own (a RAM user, or naming another primary, FORBIDDEN); a reader key's named primary. */
  private async primaryOf(principal: PrincipalContext['principal'], requested: string | null): Promise<string> {
    if (principal.kind === 'machine') {
      if (!mayReadEveryAccount(principal)) throw forbidden();
      if (!requested)
        throw apiError('BAD_USER_INPUT', 'filter.primaryAccountId: a key names the primary account', { field: 'primaryAccountId' });
      return requested;
    }
    if (requested && requested !== principal.accountId) throw forbidden();
    const self = await this.accounts.find(principal.accountId);
    if (self?.primaryAccountId) throw forbidden();
    return principal.accountId;
  }
}
