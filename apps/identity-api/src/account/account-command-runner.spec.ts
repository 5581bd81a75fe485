import { randomUUID } from 'node:crypto';
import { accountDecider, accountStream, DEFAULT_SECURITY_POLICY } from '@identity/domain';
import { InMemoryEventStore, InMemorySnapshotStore } from '@identity/event-store';
import { AppConfig } from '@identity/config';
import { registerAccountCommand } from '@identity/testing';
import { RequestContext } from '../auth/principal';
import { AccountCommandRunner } from './account-command-runner';
import { LockRefusalTally } from './lock-refusal-tally';

const config = {
  lockoutThreshold: 1000,
  lockoutSeconds: 900,
  sessionTtlSeconds: 900,
  lockout: { passwordFailureCap: 1000, secondFactorFailureCap: 100, challengeMaxAttempts: 3, maxLockSeconds: 86400 },
} as AppConfig;
const context: RequestContext = { principal: null, meta: { correlationId: 'c', ip: null, userAgent: null } };
const clock = { now: () => new Date('2030-01-01T00:00:00.000Z') };
/** Step 1 of a logon from `addressKey`, the password checked beforehand (`passwordValid`). */
const loginCommand = (now: string, passwordValid: boolean, addressKey: string) => ({
  type: 'Login' as const,
  now,
  passwordValid,
  sessionId: randomUUID(),
  challengeId: randomUUID(),
  challengeCodeHash: null,
  addressKey,
});

describe('AccountCommandRunner with snapshots', () => {
  it('runs and loads from the snapshot once the stream is long, with the state a full fold gives', async () => {
    const store = new InMemoryEventStore();
    const snapshots = new InMemorySnapshotStore();
    const runner = new AccountCommandRunner(store, snapshots, clock, config, new LockRefusalTally());
    const accountId = randomUUID();
    await runner.run(accountId, context, (_state, now) => registerAccountCommand(accountId, 'snap', now));
    const failedLogin = () => runner.run(accountId, context, (_state, now) => loginCommand(now, false, 'addr-a'));
    for (let i = 0; i < 60; i += 1) await failedLogin().catch(() => undefined);
    const saved = await snapshots.load(accountStream(accountId), accountDecider(DEFAULT_SECURITY_POLICY).snapshotVersion ?? 'none');
    expect(saved?.revision).toBe(49n);
    const fromScratch = await new AccountCommandRunner(store, new InMemorySnapshotStore(), clock, config, new LockRefusalTally()).load(
      accountId,
    );
    expect(fromScratch.guard.addresses['addr-a']?.failures).toBe(60);
    expect(await runner.load(accountId)).toEqual(fromScratch);
  });
});

describe('AccountCommandRunner and the live account states', () => {
  it('folds a command from the state the last command or load left, and keeps the new one for the next', async () => {
    const store = new InMemoryEventStore();
    const runner = new AccountCommandRunner(store, new InMemorySnapshotStore(), clock, config, new LockRefusalTally());
    const accountId = randomUUID();
    await runner.run(accountId, context, (_state, now) => registerAccountCommand(accountId, 'live', now));
    const logon = () => runner.run(accountId, context, (_state, now) => loginCommand(now, true, 'addr-a'));
    for (let i = 0; i < 3; i += 1) await logon();
    const reads = jest.spyOn(store, 'readStream');
    const last = await logon();
    expect(reads.mock.calls.map((call) => call[1])).toEqual([3n]); // the event of the kept state on, not the stream
    reads.mockClear();
    const loaded = await runner.load(accountId);
    expect(reads).not.toHaveBeenCalled(); // the stream's tip is the kept state's last event: nothing to read
    expect(loaded).toBe(last.state);
    const fromScratch = await new AccountCommandRunner(store, new InMemorySnapshotStore(), clock, config, new LockRefusalTally()).load(
      accountId,
    );
    expect(loaded).toEqual(fromScratch);
  });
});

describe('AccountCommandRunner under parallel commands', () => {
  it('runs 40 parallel commands on one account without a CONFLICT, even when every read is slow', async () => {
    const store = new InMemoryEventStore();
    // A slow read (the answer arrives late) widens the window in which parallel commands read the same revision.
    const slowStore = Object.assign(Object.create(store) as InMemoryEventStore, {
      readStream: async (...args: Parameters<InMemoryEventStore['readStream']>) => {
        const events = await store.readStream(...args);
        await new Promise((resolve) => setTimeout(resolve, 30));
        return events;
      },
    });
    const runner = new AccountCommandRunner(slowStore, new InMemorySnapshotStore(), clock, config, new LockRefusalTally());
    const accountId = randomUUID();
    await runner.run(accountId, context, (_state, now) => registerAccountCommand(accountId, 'parallel', now));
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        runner
          .run(accountId, context, (_state, now) => loginCommand(now, false, `addr-${i}`))
          .then(
            () => 'OK',
            (error: unknown) => (error as { failure?: { code: string }; code?: string }).failure?.code ?? String((error as Error).name),
          ),
      ),
    );
    expect(outcomes.filter((o) => o !== 'INVALID_CREDENTIALS')).toEqual([]);
    expect((await store.readStream(accountStream(accountId))).filter((e) => e.type === 'PasswordCheckFailed')).toHaveLength(40);
  });
});
