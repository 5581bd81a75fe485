import { Inject, Injectable } from '@nestjs/common';
import {
  AccountState,
  RamUserCommand,
  ramUsersDecider,
  RamUsersCommand,
  RamUsersState,
  ramUsersStream,
  requireRamUserManager,
} from '@identity/domain';
import { EVENT_STORE, EventStore, handleCommand } from '@identity/event-store';
import { actorOf, PersonContext, RequestContext } from '../auth/principal';
import { RamUserModel, RamUserPayload } from '../ram-users/ram-user.model';
import { CLOCK, Clock } from '../infrastructure/clock';
import { AccountCommandRunner, AccountWrite, RunOptions } from './account-command-runner';
import { normalizeLoginName } from './login-name-key';

/** Without it, a RAM user's whole login name: `name@alias`, the alias being its primary's normalised login name. */
export function ramUserLoginName(name: string, primaryLoginName: string): string {
  return `${name}@${normalizeLoginName(primaryLoginName)}`;
}

/**
 * What every RAM-user operation of a primary account shares (docs/ram-users.md): the check of the
 * acting account (a primary, its session live, step-up where its protection asks for it), its
 * membership stream `ramusers-<primaryId>`, and the command on the RAM user's own stream (whose
 * decide refuses another primary's user).
 */
@Injectable()
export class RamUserManager {
  constructor(
    private readonly accounts: AccountCommandRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The acting account's state, once it may manage RAM users (NOT_PERMITTED, STEP_UP_REQUIRED, … otherwise). */
  async primaryOf(context: PersonContext): Promise<AccountState> {
    const state = await this.accounts.load(context.principal.accountId);
    requireRamUserManager(state, context.principal.sessionId, this.clock.now().toISOString(), this.accounts.policy);
    return state;
  }

  /** One command on the primary's membership stream; its state after. */
  async membership(primaryAccountId: string, context: RequestContext, command: (now: string) => RamUsersCommand): Promise<RamUsersState> {
    const result = await this.accounts.serialized(ramUsersStream(primaryAccountId), () =>
      handleCommand(this.store, ramUsersStream(primaryAccountId), ramUsersDecider, () => command(this.clock.now().toISOString()), {
        correlationId: context.meta.correlationId,
        causationId: null,
        actor: actorOf(context.principal),
        ip: context.meta.ip,
        userAgent: context.meta.userAgent,
      }),
    );
    return result.state;
  }

  /** The membership as it is now (a read, no command). */
  async members(primaryAccountId: string): Promise<RamUsersState> {
    const events = await this.store.readStream(ramUsersStream(primaryAccountId));
    return events.map((e) => ramUsersDecider.decode(e.type, e.data)).reduce(ramUsersDecider.evolve, ramUsersDecider.initialState());
  }

  /** The acting primary checked, then one command on its RAM user `accountId`: the user as it left it. */
  async change(
    context: PersonContext,
    accountId: string,
    build: (now: string, primaryAccountId: string) => RamUserCommand,
  ): Promise<RamUserPayload> {
    await this.primaryOf(context);
    const write = await this.run(accountId, context, (_state, now) => build(now, context.principal.accountId));
    return { ramUser: RamUserModel.fromState(write.state) };
  }

  /** One command on a RAM user's account stream. */
  run(
    accountId: string,
    context: RequestContext,
    build: (state: AccountState, now: string) => RamUserCommand | Promise<RamUserCommand>,
    options: RunOptions = {},
  ): Promise<AccountWrite> {
    return this.accounts.run(accountId, context, build, options);
  }
}
