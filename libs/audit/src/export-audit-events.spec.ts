import { Writable } from 'node:stream';
import { InMemoryEventStore } from '@identity/event-store';
import { generateChainedAccountEvents, GeneratedEvents } from '../../../test/bench/chained-account-events';
import { digestNow, newSigningKey } from '../../../test/support/audit-fixture';
import { DEFAULT_CLOUD_EVENT_SOURCE } from './cloud-event';
import { exportAuditEvents } from './export-audit-events';
import { lineWriter } from './line-writer';
import { defined } from '@identity/testing';

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

/** The rules of CloudEvents 1.0 (core + JSON format) that a consumer's SDK would enforce. */
function expectCloudEvent(line: string): Record<string, unknown> {
  const event = JSON.parse(line) as Record<string, unknown>;
  expect(event.specversion).toBe('1.0');
  for (const required of ['id', 'source', 'type']) expect(event[required]).toEqual(expect.stringMatching(/.+/));
  expect(() => new URL(String(event.source))).not.toThrow();
  expect(event.time).toEqual(expect.stringMatching(RFC3339));
  expect(event.datacontenttype).toBe('application/json');
  expect(typeof event.data).toBe('object');
  for (const [name, value] of Object.entries(event)) {
    if (name === 'data') continue;
    expect(name).toMatch(/^[a-z0-9]{1,20}$/);
    expect(['string', 'boolean', 'number']).toContain(typeof value);
    if (typeof value === 'string' && name !== 'subject') expect(value.length).toBeGreaterThan(0);
  }
  return event;
}

describe('exportAuditEvents', () => {
  const key = newSigningKey();
  let store: InMemoryEventStore;
  let generated: GeneratedEvents;

  beforeEach(async () => {
    store = new InMemoryEventStore();
    generated = await generateChainedAccountEvents(store, { accounts: 3, eventsPerAccount: 10, appendSize: 4 });
    await digestNow(store, key);
  });
  afterEach(() => store.close());

  const exportLines = async (filter = {}) => {
    const lines: string[] = [];
    const result = await exportAuditEvents(
      store,
      filter,
      DEFAULT_CLOUD_EVENT_SOURCE,
      (l) => {
        lines.push(l);
      },
      () => undefined,
      () => undefined,
    );
    return { lines, result };
  };

  it('writes every event as one CloudEvents 1.0 JSON object per line, with no secret in clear', async () => {
    const { lines, result } = await exportLines();
    expect(result).toEqual({ read: 31, written: 31, unreadable: 0 });
    const events = lines.map(expectCloudEvent);
    const first = defined((await store.readStream(`account-${generated.accountIds[0]}`))[0], 'the first event');
    expect(events[0]).toEqual({
      specversion: '1.0',
      id: first.id,
      source: 'urn:identity-service',
      type: 'identity.account.AccountRegistered',
      subject: generated.accountIds[0],
      time: first.metadata.occurredAt,
      datacontenttype: 'application/json',
      data: { ...first.data, passwordHash: '[redacted]', email: '[redacted]', phone: '[redacted]' },
      position: '0',
      streamid: first.streamId,
      revision: '0',
      eventhash: first.metadata.hash,
      previoushash: '0'.repeat(64),
      actor: `account:${generated.accountIds[0]}`,
      correlationid: first.metadata.correlationId,
      clientip: '203.0.113.7',
      useragent: 'bench/1.0',
    });
    expect(events[30]).toMatchObject({ type: 'identity.auditdigest.AuditDigestSigned', streamid: expect.stringMatching(/^auditdigest-/) });
    expect(events[30]).not.toHaveProperty('subject');
    const text = lines.join('\n');
    expect(generated.secrets.length).toBeGreaterThan(10);
    for (const secret of generated.secrets) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/argon2id|enc:v1:|hmac-sha256:/);
  });

  it('keeps to one account and to a time window', async () => {
    const accountId = generated.accountIds[1];
    const { lines } = await exportLines({ accountId });
    expect(lines).toHaveLength(10);
    expect(lines.map((l) => JSON.parse(l).subject)).toEqual(Array(10).fill(accountId));
    const times = lines.map((l) => Date.parse(JSON.parse(l).time));
    const window = await exportLines({ accountId, fromMs: times[4], toMs: times[8] });
    expect(window.lines.map((l) => JSON.parse(l).revision)).toEqual(['4', '5', '6', '7']);
  });

  it('waits for a slow reader instead of buffering the export', async () => {
    let buffered = 0;
    const slow = new Writable({
      highWaterMark: 64,
      write(_chunk, _encoding, done) {
        setTimeout(done, 1);
      },
    });
    const write = lineWriter(slow);
    const result = await exportAuditEvents(
      store,
      {},
      'urn:x',
      async (line) => {
        buffered = Math.max(buffered, slow.writableLength);
        await write(line);
      },
      () => undefined,
      () => undefined,
    );
    expect(result.written).toBe(31);
    // Never more than the one line written after the buffer was last found below its mark.
    expect(buffered).toBeLessThan(64);
  });
});
