import { GraphQLError } from 'graphql';
import { READ_MODEL_ADAPTERS, useReadModelDb } from '../../../../test/support/read-model-adapters';
import { ReadModelDb } from '@identity/read-models';
import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor';
import { AuditHistoryRepository, AuditRow } from '@identity/read-models';
import { AuditTrailQuery, AuditTrailReader, MAX_PAGE_SIZE } from './audit-trail.reader';
import { defined } from '@identity/testing';

const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const TYPES = ['AccountRegistered', 'LoginSucceeded', 'PasswordCheckFailed', 'ProtectionEnabled', 'TotpBound'];

/** Row `i` (1-based): accounts alternate a, b, a, b …; type cycles; one minute apart. */
function row(i: number): AuditRow {
  const accountId = i % 2 === 1 ? 'acc-a' : 'acc-b';
  const at = new Date(T0 + i * 60_000).toISOString();
  return {
    eventId: `evt-${i}`,
    position: String(i * 10),
    commitPosition: String(i * 10),
    preparePosition: String(i * 10),
    streamId: `account-${accountId}`,
    accountId,
    type: defined(TYPES[i % TYPES.length]),
    occurredAt: at,
    recordedAt: at,
    actor: `account:${accountId}`,
    ip: '127.0.0.1',
    userAgent: `agent-${i}`,
    correlationId: `corr-${i}`,
    causationId: null,
    data: { sessionId: `ses-${i}`, at },
  };
}

async function codeOf(action: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await action();
  } catch (error) {
    return error instanceof GraphQLError ? String(error.extensions.code) : `not a GraphQLError: ${String(error)}`;
  }
  return undefined;
}

describe.each(READ_MODEL_ADAPTERS)('AuditTrailReader on a real %s read-model database', (dialect) => {
  const readModels = useReadModelDb(dialect);
  let db: ReadModelDb;
  let reader: AuditTrailReader;
  const ROWS = 23;

  beforeEach(async () => {
    db = readModels.db;
    await AuditHistoryRepository.setUp(db);
    const repository = new AuditHistoryRepository(db);
    for (let i = 1; i <= ROWS; i++) await repository.insert(row(i));
    // An event outside any account (an API key), with data as an older projection might have stored it.
    await repository.insert({
      ...row(ROWS + 1),
      eventId: 'evt-key',
      accountId: null,
      streamId: 'apikey-k1',
      type: 'ApiKeyCreated',
      data: { keyId: 'k1', secretHash: 'sha256-of-the-secret', at: row(ROWS + 1).occurredAt },
    });
    reader = new AuditTrailReader(db);
  });

  /** Follows `endCursor` until `hasNextPage` is false; returns the event ids in the order seen. */
  async function walk(query: Omit<AuditTrailQuery, 'after'>): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page = await reader.page({ ...query, after });
      pages++;
      ids.push(...page.edges.map((edge) => String(edge.node.eventId)));
      if (page.edges.length) expect(page.endCursor).toBe(page.edges.at(-1)?.cursor);
      if (!page.hasNextPage) return { ids, pages };
      expect(pages).toBeLessThan(100);
      after = page.endCursor;
    }
  }

  it('walks every row exactly once, in position order, three at a time', async () => {
    const { ids, pages } = await walk({ accountId: null, first: 3 });
    expect(ids).toEqual([...Array.from({ length: ROWS }, (_, i) => `evt-${i + 1}`), 'evt-key']);
    expect(pages).toBe(Math.ceil((ROWS + 1) / 3));
  });

  it('gives a page its rows, a cursor per row, and whether more follow', async () => {
    const first = await reader.page({ accountId: null, first: 5 });
    expect(first.edges.map((e) => e.node.eventId)).toEqual(['evt-1', 'evt-2', 'evt-3', 'evt-4', 'evt-5']);
    expect(first.hasNextPage).toBe(true);
    expect(new Set(first.edges.map((e) => e.cursor)).size).toBe(5);
    expect(first.edges[0]?.node).toMatchObject({
      position: '10',
      accountId: 'acc-a',
      type: TYPES[1],
      occurredAt: row(1).occurredAt,
      actor: 'account:acc-a',
      ip: '127.0.0.1',
      userAgent: 'agent-1',
      correlationId: 'corr-1',
      data: { sessionId: 'ses-1' },
    });
    const rest = await reader.page({ accountId: null, first: 100, after: first.endCursor });
    expect(rest.edges[0]?.node.eventId).toBe('evt-6');
    expect(rest.edges).toHaveLength(ROWS + 1 - 5);
    expect(rest.hasNextPage).toBe(false);
  });

  it('sees rows added after a cursor was handed out, and never the earlier ones again', async () => {
    const page = await reader.page({ accountId: 'acc-a', first: 50 });
    expect(page.hasNextPage).toBe(false);
    await new AuditHistoryRepository(db).insert({ ...row(101), accountId: 'acc-a', eventId: 'evt-late' });
    const next = await reader.page({ accountId: 'acc-a', first: 50, after: page.endCursor });
    expect(next.edges.map((e) => e.node.eventId)).toEqual(['evt-late']);
  });

  it('keeps to one account when asked', async () => {
    const { ids } = await walk({ accountId: 'acc-b', first: 4 });
    expect(ids).toEqual(Array.from({ length: Math.floor(ROWS / 2) }, (_, i) => `evt-${2 * (i + 1)}`));
    expect((await walk({ accountId: 'nobody', first: 4 })).ids).toEqual([]);
  });

  it('filters by event type and by an inclusive time window', async () => {
    const failed = (await walk({ accountId: null, types: ['PasswordCheckFailed', 'PasswordCheckFailed'], first: 2 })).ids;
    expect(failed).toEqual(['evt-2', 'evt-7', 'evt-12', 'evt-17', 'evt-22']);
    const window = (await walk({ accountId: null, from: new Date(row(4).occurredAt), to: new Date(row(9).occurredAt), first: 4 })).ids;
    expect(window).toEqual(['evt-4', 'evt-5', 'evt-6', 'evt-7', 'evt-8', 'evt-9']);
    const both = (await walk({ accountId: 'acc-a', types: ['LoginSucceeded', 'TotpBound'], from: new Date(row(10).occurredAt), first: 1 }))
      .ids;
    expect(both).toEqual(['evt-11', 'evt-19', 'evt-21']);
  });

  it('treats bounds beyond year 9999 or before year 0 as time, not as text', async () => {
    const farFuture = new Date(8.64e15);
    const farPast = new Date(-8.64e15);
    expect((await walk({ accountId: null, to: farFuture, first: 100 })).ids).toHaveLength(ROWS + 1);
    expect((await walk({ accountId: null, from: farPast, first: 100 })).ids).toHaveLength(ROWS + 1);
    expect((await walk({ accountId: null, from: farFuture, first: 100 })).ids).toEqual([]);
  });

  it('redacts secrets in data, also in rows stored unredacted', async () => {
    const last = await reader.page({ accountId: null, first: 1, after: encodeAuditCursor(ROWS) });
    expect(last.edges[0]?.node).toMatchObject({ eventId: 'evt-key', accountId: null, data: { keyId: 'k1', secretHash: '[redacted]' } });
    expect(JSON.stringify(last)).not.toContain('sha256-of-the-secret');
    const dataOnly = await reader.page({ accountId: null, first: 1, after: encodeAuditCursor(ROWS) }, ['data']);
    expect(dataOnly.edges[0]?.node.data).toEqual({ keyId: 'k1', secretHash: '[redacted]', at: row(ROWS + 1).occurredAt });
  });

  it('reads only the fields asked for (and the cursor), filtered and paged as with all of them', async () => {
    const page = await reader.page({ accountId: 'acc-b', first: 2 }, ['ip', 'occurredAt']);
    expect(page.edges.map((edge) => edge.node)).toEqual([
      { occurredAt: row(2).occurredAt, ip: '127.0.0.1' },
      { occurredAt: row(4).occurredAt, ip: '127.0.0.1' },
    ]);
    const next = await reader.page({ accountId: 'acc-b', first: 1, after: page.endCursor }, ['eventId']);
    expect(next.edges.map((edge) => edge.node)).toEqual([{ eventId: 'evt-6' }]);
  });

  it('defaults to 50 rows and refuses page sizes outside 1..100', async () => {
    const many = new AuditHistoryRepository(db);
    for (let i = 200; i < 260; i++) await many.insert({ ...row(i), eventId: `evt-${i}` });
    expect((await reader.page({ accountId: null })).edges).toHaveLength(50);
    expect((await reader.page({ accountId: null, first: null })).edges).toHaveLength(50);
    expect((await reader.page({ accountId: null, first: MAX_PAGE_SIZE })).edges).toHaveLength(ROWS + 1 + 60);
    for (const first of [0, -1, MAX_PAGE_SIZE + 1, 2.5])
      expect(await codeOf(() => reader.page({ accountId: null, first }))).toBe('BAD_USER_INPUT');
  });

  it('refuses a cursor it did not hand out', async () => {
    const bad = [
      '',
      'not a cursor',
      Buffer.from('v2:5').toString('base64url'),
      Buffer.from('v1:-3').toString('base64url'),
      Buffer.from('v1:99999999999999999').toString('base64url'),
      'djE6NQ==x',
    ];
    for (const after of bad) expect(await codeOf(() => reader.page({ accountId: null, after }))).toBe('BAD_USER_INPUT');
  });
});

describe('audit cursors', () => {
  it('round-trip a sequence number and are opaque base64url', async () => {
    for (const seq of [0, 1, 42, Number.MAX_SAFE_INTEGER]) {
      const cursor = encodeAuditCursor(seq);
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeAuditCursor(cursor)).toBe(seq);
    }
  });
});
