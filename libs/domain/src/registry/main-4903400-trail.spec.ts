import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SECURITY_POLICY } from '../account/account.commands';
import { accountDecider } from '../account/account.decider';
import { AccountEvent } from '../account/account.events';
import { securityViewOf } from '../account/account-security.view';
import { REDACTED, redactEventData } from '../audit/redact-event-data';
import { streamCategory } from '../shared/stream-names';
import { eventSpecFor, eventSpecOfStream } from './event-registries';
import { fieldReader } from '../events/field-reader';

/**
 * The audit trail that main 4903400 answered for its fixture store (test/fixtures/main-4903400):
 * every event that version wrote, redacted by its deny-list. Hidden values are hashes and
 * encrypted boxes, so a stand-in string lets the new decoders read the real stored shapes.
 */
const FIXTURE = join(__dirname, '../../../../test/fixtures/main-4903400/expected');
interface TrailRow {
  position: string;
  streamId: string;
  type: string;
  data: Record<string, unknown>;
}
const trail = JSON.parse(readFileSync(join(FIXTURE, 'audit-trail.json'), 'utf8')) as TrailRow[];
const expectedSecurity = JSON.parse(readFileSync(join(FIXTURE, 'account-security.json'), 'utf8')) as Record<
  string,
  Record<string, unknown>
>;
const STAND_IN = 'hidden-by-the-old-trail';
const unredacted = (row: TrailRow) =>
  Object.fromEntries(Object.entries(row.data).map(([key, value]) => [key, value === REDACTED ? STAND_IN : value]));

describe('the trail main 4903400 answered, read by the new registries', () => {
  it('holds the events of every category', () =>
    expect(new Set(trail.map((row) => streamCategory(row.streamId)))).toEqual(
      new Set(['account', 'loginname', 'apikey', 'webhook', 'loginattempt']),
    ));

  it('redacts exactly what the old deny-list redacted', () => {
    for (const row of trail) {
      expect({ type: row.type, data: redactEventData(row.type, unredacted(row)) }).toEqual({ type: row.type, data: row.data });
    }
  });

  it('exports every event (the audit digest too) redacted exactly as the old export did', () => {
    const lines = readFileSync(join(FIXTURE, 'export.ndjson'), 'utf8')
      .split('\n')
      .filter((line) => line.length > 0);
    expect(lines).toHaveLength(60);
    for (const line of lines) {
      const exported = JSON.parse(line) as { type: string; data: Record<string, unknown> };
      const type = exported.type.split('.').at(-1) ?? '';
      const row = { position: '', streamId: '', type, data: exported.data };
      expect({ type, data: redactEventData(type, unredacted(row)) }).toEqual({ type, data: exported.data });
    }
  });

  it('decodes every stored event with the registry of its stream', () => {
    for (const row of trail) {
      const spec = eventSpecOfStream(row.streamId, row.type);
      expect(spec).toBe(eventSpecFor(row.type));
      expect(() => spec?.decode(fieldReader(row.type, unredacted(row)))).not.toThrow();
    }
  });

  it('folds every account to the security state the old version showed', () => {
    const decider = accountDecider(DEFAULT_SECURITY_POLICY);
    const streams = new Map<string, AccountEvent[]>();
    for (const row of [...trail].sort((a, b) => Number(a.position) - Number(b.position))) {
      if (streamCategory(row.streamId) !== 'account') continue;
      streams.set(row.streamId, [...(streams.get(row.streamId) ?? []), decider.decode(row.type, unredacted(row))]);
    }
    for (const [name, expected] of Object.entries(expectedSecurity)) {
      const events = streams.get(`account-${String(expected.accountId)}`) ?? [];
      const view = securityViewOf(events.reduce(decider.evolve, decider.initialState()));
      const comparable = Object.fromEntries(Object.keys(expected).map((key) => [key, (view as unknown as Record<string, unknown>)[key]]));
      expect({ name, view: comparable }).toEqual({ name, view: expected });
    }
  });
});
