import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { GraphQLResolveInfo } from 'graphql';
import { firstValueFrom, from } from 'rxjs';
import { AppConfig } from '@identity/config';
import { registerAccountCommand } from '@identity/testing';
import { accountStream } from '@identity/domain';
import { EventStoreUnavailableError, InMemoryEventStore, InMemorySnapshotStore, positionToString } from '@identity/event-store';
import { AccountCommandRunner } from '../account/account-command-runner';
import { LockRefusalTally } from '../account/lock-refusal-tally';
import { RequestContext } from '../auth/principal';
import { apiError } from './api-error';
import { formatGraphqlError } from './format-error';
import { RefusedError } from './refused.error';
import { WriteAcknowledgedError } from './write-acknowledged.error';
import { WriteAcknowledgedInterceptor } from './write-acknowledged.interceptor';

const config = {
  lockoutThreshold: 1000,
  lockoutSeconds: 900,
  lockout: { passwordFailureCap: 1000, secondFactorFailureCap: 100, challengeMaxAttempts: 3, maxLockSeconds: 86400 },
} as AppConfig;
const request: RequestContext = { principal: null, meta: { correlationId: 'c', ip: null, userAgent: null } };

/** The execution context Nest gives an interceptor around a resolver of `operation`'s field `field`. */
function resolverCall(operation: 'mutation' | 'query', nested = false): ExecutionContextHost {
  const info = {
    fieldName: 'someField',
    operation: { operation },
    path: nested ? { prev: { key: 'parent' }, key: 'someField' } : { prev: undefined, key: 'someField' },
  } as unknown as GraphQLResolveInfo;
  const host = new ExecutionContextHost([{}, {}, request, info]);
  host.setType('graphql');
  return host;
}

describe('WriteAcknowledgedInterceptor', () => {
  let store: InMemoryEventStore;
  let runner: AccountCommandRunner;
  const interceptor = new WriteAcknowledgedInterceptor();
  let loggedErrors: jest.SpyInstance;
  beforeEach(() => {
    loggedErrors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    store = new InMemoryEventStore();
    runner = new AccountCommandRunner(
      store,
      new InMemorySnapshotStore(),
      { now: () => new Date('2030-01-01T00:00:00Z') },
      config,
      new LockRefusalTally(),
    );
  });
  afterEach(async () => {
    loggedErrors.mockRestore();
    await store.close();
  });

  const register = (accountId: string, options = {}) =>
    runner.run(accountId, request, (_state, now) => registerAccountCommand(accountId, `ack-${accountId.slice(0, 8)}`, now), options);

  /** Runs `handler` as the resolver of a top-level field of `operation`, through the interceptor: what it throws. */
  async function thrownBy(handler: () => Promise<unknown>, operation: 'mutation' | 'query' = 'mutation', nested = false): Promise<unknown> {
    const answer = interceptor.intercept(resolverCall(operation, nested), { handle: () => from(handler()) });
    return firstValueFrom(answer).then(
      () => undefined,
      (error: unknown) => error,
    );
  }

  it('answers WRITE_ACKNOWLEDGED, naming the stream, the event ids and the position, when a step after the append fails', async () => {
    const accountId = randomUUID();
    const outage = new EventStoreUnavailableError('down after the append');
    const thrown = await thrownBy(async () => {
      await register(accountId);
      throw outage;
    });
    const stored = await store.readStream(accountStream(accountId));
    expect(thrown).toBeInstanceOf(WriteAcknowledgedError);
    expect((thrown as WriteAcknowledgedError).cause).toBe(outage);
    expect(loggedErrors).toHaveBeenCalledTimes(1);
    expect(loggedErrors.mock.calls[0]?.[0]).toContain(`${accountStream(accountId)}@`);
    expect((thrown as WriteAcknowledgedError).writes).toEqual([
      { streamId: accountStream(accountId), eventIds: stored.map((e) => e.id), position: positionToString(stored.at(-1)!.position) },
    ]);
  });

  it('turns an internal error and a conflict after the append the same way, and names every write', async () => {
    const [one, two] = [randomUUID(), randomUUID()];
    const thrown = await thrownBy(async () => {
      await register(one);
      await register(two);
      throw new TypeError('payload bug');
    });
    expect((thrown as WriteAcknowledgedError).writes.map((w) => w.streamId)).toEqual([accountStream(one), accountStream(two)]);
    const conflict = await thrownBy(async () => {
      await register(randomUUID());
      throw apiError('CONFLICT', 'again');
    });
    expect(conflict).toBeInstanceOf(WriteAcknowledgedError);
  });

  it('keeps a decided answer after the append (a refusal, a failed delivery) and any error before one', async () => {
    const refusal = new RefusedError({ code: 'INVALID_CODE' });
    expect(
      await thrownBy(async () => {
        await register(randomUUID());
        throw refusal;
      }),
    ).toBe(refusal);
    const delivery = apiError('DELIVERY_FAILED', 'not sent', { retryAfter: 5 });
    expect(
      await thrownBy(async () => {
        await register(randomUUID());
        throw delivery;
      }),
    ).toBe(delivery);
    const outage = new EventStoreUnavailableError('down before the append');
    expect(
      await thrownBy(async () => {
        throw outage;
      }),
    ).toBe(outage);
    expect(loggedErrors).not.toHaveBeenCalled();
  });

  it('keeps the error after a retry-safe write, and outside a top-level mutation field', async () => {
    const outage = new EventStoreUnavailableError('down');
    const failAfterWrite =
      (options = {}) =>
      async () => {
        await register(randomUUID(), options);
        throw outage;
      };
    expect(await thrownBy(failAfterWrite({ retrySafe: true }))).toBe(outage);
    expect(await thrownBy(failAfterWrite(), 'query')).toBe(outage);
    expect(await thrownBy(failAfterWrite(), 'mutation', true)).toBe(outage);
  });

  it('does not carry writes from one mutation field into the next', async () => {
    await thrownBy(async () => register(randomUUID()));
    const outage = new EventStoreUnavailableError('down');
    expect(
      await thrownBy(async () => {
        throw outage;
      }),
    ).toBe(outage);
  });

  it('is answered with the code, retry: false and the writes, nothing of the cause', () => {
    const writes = [{ streamId: 'account-1', eventIds: ['e1', 'e2'], position: '41' }];
    const error = new WriteAcknowledgedError(writes, { cause: new Error('secret detail') });
    const formatted = formatGraphqlError({ message: 'x', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, error, () => undefined);
    expect(formatted.extensions).toEqual({ code: 'WRITE_ACKNOWLEDGED', retry: false, writes });
    expect(JSON.stringify(formatted)).not.toContain('secret detail');
  });
});
