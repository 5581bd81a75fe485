import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { accountDecider, accountStream, DEFAULT_SECURITY_POLICY } from '@identity/domain';
import { computeEventHash, EventStore, handleCommand, InMemoryEventStore, RecordedEvent, SqliteEventStore } from '@identity/event-store';
import { CodeHasher, generateTotpSecret, matchTotpStep, PasswordHasher, totpCodeAt } from '@identity/security';
import { BenchRow, RowGroup, rowFromRounds } from '../harness/bench-row';
import { meanMsPerOp } from '../harness/micro';
import { registerCommand } from '../register-command';

const decider = accountDecider({ ...DEFAULT_SECURITY_POLICY, lockoutThreshold: 1_000_000 });
const context = { correlationId: 'bench', causationId: null, actor: null, ip: null, userAgent: null };

/** A wrong password on a fresh account whose stream grows with each call: read, fold, decide, append. */
async function failedLogins(store: EventStore): Promise<() => Promise<unknown>> {
  const accountId = randomUUID();
  await handleCommand(store, accountStream(accountId), decider, () => registerCommand(accountId, `bench-${accountId}`), context);
  const login = () => ({
    type: 'Login' as const,
    now: new Date().toISOString(),
    passwordValid: false,
    sessionId: 's',
    challengeId: 'c',
    challengeCodeHash: null,
  });
  return () => handleCommand(store, accountStream(accountId), decider, login, context);
}

async function firstEvent(store: EventStore): Promise<RecordedEvent> {
  for await (const event of store.readAll({ maxCount: 1 })) return event;
  throw new Error('the store is empty');
}

/** The costs a command is made of, timed with tinybench in interleaved rounds; ratios without goals. */
export const inProcessCosts: RowGroup = {
  name: 'in-process costs: command path, argon2id, code hash, TOTP, chain hash',
  async run({ quick, dir }): Promise<BenchRow[]> {
    const rounds = quick ? 3 : 5;
    const ms = quick ? 150 : 600;
    const memory = new InMemoryEventStore();
    const sqlite = new SqliteEventStore({ filePath: join(dir, 'events.db') });
    const passwords = new PasswordHasher();
    const hash = await passwords.hash('correct horse battery staple');
    const codes = new CodeHasher(Buffer.alloc(32, 7));
    const secret = generateTotpSecret();
    const samples: Record<string, number[]> = { memory: [], sqlite: [], argon: [], hmac: [], totp: [], chain: [] };
    try {
      for (let round = 0; round < rounds; round += 1) {
        const onMemory = await failedLogins(memory);
        const onSqlite = await failedLogins(sqlite);
        const stored = await firstEvent(memory);
        let i = 0;
        const tasks: Record<string, () => unknown> = {
          memory: onMemory,
          sqlite: onSqlite,
          argon: () => passwords.verify(hash, 'wrong'),
          hmac: () => codes.hash('v', String((i += 1)).padStart(6, '0')),
          totp: () => matchTotpStep({ secret, code: totpCodeAt(secret, new Date()), at: new Date() }),
          chain: () => computeEventHash(stored),
        };
        const order = round % 2 === 0 ? Object.keys(tasks) : Object.keys(tasks).reverse();
        const means = await meanMsPerOp(ms, Object.fromEntries(order.map((name) => [name, tasks[name] as () => unknown])));
        for (const name of order) samples[name]?.push(means[name] ?? Number.NaN);
      }
    } finally {
      await sqlite.close();
      await memory.close();
    }
    const row = (name: string, figure: string, baseline: string) =>
      rowFromRounds({ name, unit: 'ms/op', figures: samples[figure] ?? [], baselines: samples[baseline] ?? [], goal: null });
    return [
      row('handleCommand, SQLite synchronous=FULL vs in-memory store', 'sqlite', 'memory'),
      row('argon2id verify (19 MiB, t=2, p=1) vs one SQLite command (a logon is the hash)', 'argon', 'sqlite'),
      row('argon2id verify vs verification code hash (HMAC-SHA256)', 'argon', 'hmac'),
      row('TOTP step match (3 steps, constant time) vs code hash', 'totp', 'hmac'),
      row('audit chain hash of one event vs one in-memory command (tamper evidence)', 'chain', 'memory'),
    ];
  },
};
