import { randomUUID } from 'node:crypto';
import { accountDecider, accountStream, DEFAULT_SECURITY_POLICY } from '@identity/domain';
import { EventStore, handleCommand } from '@identity/event-store';
import { UsageError } from '../cli-args';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * `accounts unlock ACCOUNT_ID`: lifts every lock and count of the account, as the admin mutation
 * `unlockAccount` does (AccountUnlocked, reason ADMIN_RESET, actor `cli`). The decision does not
 * depend on the lockout settings, so the default policy serves.
 */
export async function unlockAccount(store: EventStore, args: string[], out: (line: string) => void): Promise<void> {
  const [accountId, ...extra] = args;
  if (!accountId || extra.length > 0 || !UUID.test(accountId)) throw new UsageError('accounts unlock takes one ACCOUNT_ID (a UUID)');
  const result = await handleCommand(
    store,
    accountStream(accountId),
    accountDecider(DEFAULT_SECURITY_POLICY),
    () => ({ type: 'UnlockAccount' as const, now: new Date().toISOString() }),
    { correlationId: randomUUID(), causationId: null, actor: 'cli', ip: null, userAgent: 'identity-cli' },
  );
  const unlocked = result.newEvents.some((e) => e.type === 'AccountUnlocked');
  out(unlocked ? `unlocked account ${accountId}` : `account ${accountId} had nothing to unlock`);
}
