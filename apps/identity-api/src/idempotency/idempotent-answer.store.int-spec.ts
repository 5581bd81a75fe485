import { READ_MODEL_ADAPTERS, useReadModelDb } from '../../../../test/support/read-model-adapters';
import { IdempotentAnswerStore } from './idempotent-answer.store';

describe.each(READ_MODEL_ADAPTERS)('IdempotentAnswerStore on %s', (dialect) => {
  const fixture = useReadModelDb(dialect);
  let clock = new Date('2026-12-02T10:00:00.000Z');
  const storeOn = (db = fixture.db) => new IdempotentAnswerStore(db, { ttlSeconds: 3600, abandonedAfterSeconds: 60 }, () => clock);
  const later = (seconds: number) => (clock = new Date(clock.getTime() + seconds * 1000));

  beforeEach(() => {
    clock = new Date('2026-12-02T10:00:00.000Z');
  });

  it('lets the first request with a key run, and gives its answer to the retries', async () => {
    const store = storeOn();
    expect(await store.claim('k1', 'request-a')).toEqual({ kind: 'claimed' });
    expect(await store.claim('k1', 'request-a')).toEqual({ kind: 'in-flight' });
    await store.answer('k1', 'sealed-answer');
    expect(await store.claim('k1', 'request-a')).toEqual({ kind: 'answered', sealedAnswer: 'sealed-answer' });
  });

  it('refuses the key for another request, running or answered', async () => {
    const store = storeOn();
    await store.claim('k1', 'request-a');
    expect(await store.claim('k1', 'request-b')).toEqual({ kind: 'other-request' });
    await store.answer('k1', 'sealed-answer');
    expect(await store.claim('k1', 'request-b')).toEqual({ kind: 'other-request' });
  });

  it('lets exactly one of two instances racing with one key run', async () => {
    const [one, two] = [storeOn(), storeOn(fixture.openAnother())];
    // Each makes its table first (two schema transactions at once would wait on each other in one process).
    await one.claim('warm-up-1', 'x');
    await two.claim('warm-up-2', 'x');
    const claims = await Promise.all([one.claim('k1', 'request-a'), two.claim('k1', 'request-a')]);
    expect(claims.map((claim) => claim.kind).sort()).toEqual(['claimed', 'in-flight']);
  });

  it('frees a released key for the retry', async () => {
    const store = storeOn();
    await store.claim('k1', 'request-a');
    await store.release('k1');
    expect(await store.claim('k1', 'request-a')).toEqual({ kind: 'claimed' });
  });

  it('takes over a claim abandoned by a process that died, and a key whose answer expired', async () => {
    const store = storeOn();
    await store.claim('k1', 'request-a');
    later(61);
    expect(await store.claim('k1', 'request-a')).toEqual({ kind: 'claimed' });
    await store.answer('k1', 'sealed-answer');
    later(3601);
    expect(await store.claim('k1', 'request-b')).toEqual({ kind: 'claimed' });
  });

  it('keeps an answer the database cannot take, gives it to the retries, and writes it once the database is back', async () => {
    let down = false;
    const flaky = Object.create(fixture.db) as typeof fixture.db;
    flaky.execute = (sql, params) => (down ? Promise.reject(new Error('connection terminated')) : fixture.db.execute(sql, params));
    const store = storeOn(flaky);
    expect(await store.claim('k1', 'request-a')).toEqual({ kind: 'claimed' });
    down = true;
    await store.answer('k1', 'sealed-answer');
    expect(await store.claim('k1', 'request-a')).toEqual({ kind: 'answered', sealedAnswer: 'sealed-answer' });
    expect(await store.claim('k1', 'request-b')).toEqual({ kind: 'other-request' });
    later(61); // past the abandonment of a claim without an answer: the retry still gets the answer
    await store.writeUnsaved();
    expect(await store.claim('k1', 'request-a')).toEqual({ kind: 'answered', sealedAnswer: 'sealed-answer' });
    down = false;
    await store.writeUnsaved();
    // Written: another instance (another store on the database) sees it.
    expect(await storeOn().claim('k1', 'request-a')).toEqual({ kind: 'answered', sealedAnswer: 'sealed-answer' });
  });

  it('purges expired answers', async () => {
    const store = storeOn();
    await store.claim('k1', 'request-a');
    await store.answer('k1', 'sealed-answer');
    await store.claim('k2', 'request-a');
    later(3601);
    expect(await store.purgeExpired()).toBe(2);
  });
});
