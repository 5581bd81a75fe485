import { Injectable } from '@nestjs/common';
import { AccountCommand, AccountEvent, AccountState, Instant, MAX_SUMMARIZED_IPS, RejectedWhileLockedTally } from '@identity/domain';

/** The command types that pass the lock gate (those with `rejectedWhileLocked`), derived from the commands. */
type GatedCommandType = {
  [T in AccountCommand['type']]: 'rejectedWhileLocked' extends keyof Extract<AccountCommand, { type: T }> ? T : never;
}[AccountCommand['type']];
/** Every one of them, so that a new gated command cannot be forgotten here (the compiler checks the keys). */
const GATED_COMMANDS: Record<GatedCommandType, true> = {
  Login: true,
  CompleteLogin: true,
  VerifyIdentity: true,
  BindTotp: true,
  DisableProtection: true,
  ChangeProtection: true,
  ConfirmContactChange: true,
  ResyncTotp: true,
  RemoveAuthenticator: true,
  ChangePassword: true,
  ResetPassword: true,
  StepUp: true,
  CompleteEnrollment: true,
  CompletePasswordChange: true,
};
/** The commands that pass the lock gate, and so carry the tally of a lock's refused attempts. */
const GATED = new Set<AccountCommand['type']>(Object.keys(GATED_COMMANDS) as GatedCommandType[]);
/** Accounts tallied at once; past it a lock's later refusals are only counted by its one recorded event. */
const MAX_ACCOUNTS = 10_000;

/**
 * While an account is locked only its first refused attempt is an event; this counts all of them
 * (the first included) in process, per account and lock, and hands the count to the next gated
 * command, so that the domain can summarize them once the lock ends (RejectedAttemptsSummarized).
 */
@Injectable()
export class LockRefusalTally {
  private readonly tallies = new Map<string, RejectedWhileLockedTally & { lockedUntil: Instant }>();

  /** `command` with the tally of the account's current lock, when it passes the lock gate. */
  attach(accountId: string, state: AccountState, command: AccountCommand): AccountCommand {
    const tally = this.tallies.get(accountId);
    if (!GATED.has(command.type) || !tally || tally.lockedUntil !== state.lockedUntil) return command;
    const { lockedUntil: _lockedUntil, ...rejectedWhileLocked } = tally;
    return { ...command, rejectedWhileLocked } as AccountCommand;
  }

  /** After a command: counts it when the lock refused it; forgets the tally once the lock has ended. */
  record(
    accountId: string,
    outcome: { state: AccountState; events: AccountEvent[]; refusedByLock: boolean; now: Instant; ip: string | null },
  ): void {
    const ended = outcome.events.some((e) => e.type === 'RejectedAttemptsSummarized' || e.type === 'AccountUnlocked');
    if (ended) this.tallies.delete(accountId);
    const lockedUntil = outcome.state.lockedUntil;
    if (!outcome.refusedByLock || lockedUntil === null || outcome.events.some((e) => e.type === 'AccountLocked')) return;
    const known = this.tallies.get(accountId);
    const current = known?.lockedUntil === lockedUntil ? known : null;
    if (!current && this.tallies.size >= MAX_ACCOUNTS) this.forgetEndedLocks(outcome.now);
    if (!current && this.tallies.size >= MAX_ACCOUNTS) return;
    const ips = current?.ips ?? [];
    this.tallies.set(accountId, {
      lockedUntil,
      count: (current?.count ?? 0) + 1,
      firstAt: current?.firstAt ?? outcome.now,
      lastAt: outcome.now,
      ips: outcome.ip && !ips.includes(outcome.ip) && ips.length < MAX_SUMMARIZED_IPS ? [...ips, outcome.ip] : ips,
    });
  }

  /** Room for new locks: the tallies of locks that have run out without a later attempt are given up. */
  private forgetEndedLocks(now: Instant): void {
    for (const [accountId, tally] of this.tallies) if (tally.lockedUntil <= now) this.tallies.delete(accountId);
  }
}
