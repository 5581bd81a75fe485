import { Inject, Injectable } from '@nestjs/common';
import { loginAttemptStream, unknownLoginNameDecider, unknownLoginNameRefusal } from '@identity/domain';
import { EVENT_STORE, EventStore, foldStream, handleCommand, SNAPSHOT_STORE, SnapshotStore } from '@identity/event-store';
import { CodeHasher, PasswordHasher } from '@identity/security';
import { actorOf, RequestContext } from '../../auth/principal';
import { RefusedError } from '../../graphql/refused.error';
import { CLOCK, Clock } from '../../infrastructure/clock';
import { AccountCommandRunner } from '../account-command-runner';
import { normalizeLoginName } from '../login-name-key';

/**
 * A logon with a login name no account has: counted in `loginattempt-<key>` exactly as a wrong
 * password of a real account (per client address and across addresses), with the same answers
 * and the same work: a dummy argon2 verification while the address may try, none once it is
 * locked out (docs/adr/0005-lockout.md). Always refuses.
 */
@Injectable()
export class UnknownLoginNameAttempts {
  private readonly decider;

  constructor(
    private readonly accounts: AccountCommandRunner,
    private readonly passwords: PasswordHasher,
    private readonly codes: CodeHasher,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SNAPSHOT_STORE) private readonly snapshots: SnapshotStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.decider = unknownLoginNameDecider(accounts.policy);
  }

  async refuse(loginName: string, password: string, addressKey: string, context: RequestContext): Promise<never> {
    // Keyed (HMAC under the master key): the stream id must not let anyone test guesses of the name.
    const streamId = loginAttemptStream(this.codes.hash('unknown-login-name', normalizeLoginName(loginName)).slice(0, 40));
    const before = await foldStream(this.store, streamId, this.decider, this.snapshots);
    const refused = unknownLoginNameRefusal(before.state, addressKey, this.clock.now().toISOString());
    if (refused) throw new RefusedError({ code: 'ACCOUNT_LOCKED', lockedUntil: refused.lockedUntil });
    await this.passwords.verifyAgainstDummy(password);
    const result = await this.accounts.serialized(streamId, () =>
      handleCommand(
        this.store,
        streamId,
        this.decider,
        () => ({ type: 'RecordUnknownLoginName' as const, now: this.clock.now().toISOString(), addressKey }),
        {
          correlationId: context.meta.correlationId,
          causationId: null,
          actor: actorOf(context.principal),
          ip: context.meta.ip,
          userAgent: context.meta.userAgent,
        },
        { snapshots: this.snapshots, maxRetries: 10 },
      ),
    );
    const locked = result.newEvents.find((e) => e.type === 'UnknownLoginNameLocked');
    const now = this.clock.now().toISOString();
    const refusal =
      locked?.type === 'UnknownLoginNameLocked'
        ? { lockedUntil: locked.data.lockedUntil }
        : result.newEvents.length === 0
          ? unknownLoginNameRefusal(result.state, addressKey, now)
          : null;
    if (refusal) throw new RefusedError({ code: 'ACCOUNT_LOCKED', lockedUntil: refusal.lockedUntil });
    throw new RefusedError({ code: 'INVALID_CREDENTIALS' });
  }
}
