import { excludeSystemEvents, jsonEvent, START, streamNameFilter, UnavailableError } from '@kurrent/kurrentdb-client';
import { serverAndClientPerTest } from './client-fixture';
import { has, ProbeEntry, SubscriptionProbe } from './subscription-probe';
import { defined } from '@identity/testing';

jest.setTimeout(20_000);

const kinds = (entries: readonly ProbeEntry[]) => entries.map((entry) => (entry.kind === 'event' ? entry.type : entry.kind));

describe.each([true, false])('subscriptions (batchAppend=%s)', (batchAppend) => {
  const fixture = serverAndClientPerTest({ batchAppend });

  it('subscribeToAll without system events: catch-up, caughtUp, then live events', async () => {
    await fixture.client.appendToStream('account-1', [jsonEvent({ type: 'Opened', data: {} }), jsonEvent({ type: 'Verified', data: {} })]);
    const probe = new SubscriptionProbe().attach(fixture.client.subscribeToAll({ fromPosition: START, filter: excludeSystemEvents() }));
    await probe.until(has('caughtUp'));

    await fixture.client.appendToStream('account-2', jsonEvent({ type: 'Opened', data: {} }));
    fixture.server.appendDirect('account-1', [{ type: 'Locked', data: { reason: 'spec' } }]);
    await probe.until(has('event', 4));

    expect(kinds(probe.entries)).toEqual(['Opened', 'Verified', 'caughtUp', 'Opened', 'Locked']);
    expect(probe.events().map((event) => event.streamId)).toEqual(['account-1', 'account-1', 'account-2', 'account-1']);
    const caughtUp = probe.entries[2] as ProbeEntry & { kind: 'caughtUp' };
    expect(caughtUp.position).toEqual(defined(probe.events()[1]).position);
    expect(fixture.server.callCount(batchAppend ? 'Streams.BatchAppend' : 'Streams.Append')).toBeGreaterThan(0);
    expect(fixture.server.callCount(batchAppend ? 'Streams.Append' : 'Streams.BatchAppend')).toBe(0);
  });

  it('filters $all on stream-name prefixes and sends checkpoints past filtered events', async () => {
    await fixture.client.appendToStream('session-1', jsonEvent({ type: 'Started', data: {} }));
    await fixture.client.appendToStream('account-1', jsonEvent({ type: 'Opened', data: {} }));
    const probe = new SubscriptionProbe();
    const filter = streamNameFilter({
      prefixes: ['account-'],
      maxSearchWindow: 1,
      checkpointInterval: 1,
      checkpointReached: probe.checkpointReached,
    });
    probe.attach(fixture.client.subscribeToAll({ fromPosition: START, filter }));
    await probe.until(has('caughtUp'));
    await fixture.client.appendToStream('account-2', jsonEvent({ type: 'Opened', data: {} }));
    await probe.until(has('event', 2));

    expect(probe.events().map((event) => event.streamId)).toEqual(['account-1', 'account-2']);
    const checkpoints = probe.entries.flatMap((entry) => (entry.kind === 'checkpoint' ? [entry.position] : []));
    const sessionPosition = defined(fixture.server.events('session-1')[0]).position;
    expect(checkpoints).toContainEqual(sessionPosition);
    expect(checkpoints.length).toBeGreaterThanOrEqual(fixture.server.events().length - 1);
  });

  it('subscribeToAll from a position starts after it', async () => {
    await fixture.client.appendToStream('account-1', [jsonEvent({ type: 'A', data: {} }), jsonEvent({ type: 'B', data: {} })]);
    const a = defined(fixture.server.events('account-1')[0]);
    const probe = new SubscriptionProbe().attach(
      fixture.client.subscribeToAll({ fromPosition: a.position, filter: excludeSystemEvents() }),
    );
    await probe.until(has('caughtUp'));

    expect(kinds(probe.entries)).toEqual(['B', 'caughtUp']);
  });

  it('subscribeToStream catches up, reports the revision, then delivers live events of that stream only', async () => {
    await fixture.client.appendToStream('account-1', [jsonEvent({ type: 'A', data: {} }), jsonEvent({ type: 'B', data: {} })]);
    const probe = new SubscriptionProbe().attach(fixture.client.subscribeToStream('account-1', { fromRevision: START }));
    await probe.until(has('caughtUp'));
    await fixture.client.appendToStream('account-2', jsonEvent({ type: 'Other', data: {} }));
    await fixture.client.appendToStream('account-1', jsonEvent({ type: 'C', data: {} }));
    await probe.until(has('event', 3));

    expect(kinds(probe.entries)).toEqual(['A', 'B', 'caughtUp', 'C']);
    expect(probe.entries[2]).toMatchObject({ kind: 'caughtUp', revision: 1n });
    expect(probe.events().map((event) => event.revision)).toEqual([0n, 1n, 2n]);
  });

  it('dropSubscriptions("error") fails the subscription with UNAVAILABLE', async () => {
    const probe = new SubscriptionProbe().attach(fixture.client.subscribeToAll({ fromPosition: START }));
    await probe.until(has('caughtUp'));

    expect(fixture.server.dropSubscriptions('error')).toBe(1);
    await probe.until(has('error'));

    const entry = probe.entries.find((e) => e.kind === 'error') as ProbeEntry & { kind: 'error' };
    expect(entry.error).toBeInstanceOf(UnavailableError);
    expect(entry.error.message).toContain('Subscription dropped by the server.');
    expect(fixture.server.openSubscriptionCount()).toBe(0);
  });

  it('dropSubscriptions("silent") ends the subscription normally', async () => {
    const probe = new SubscriptionProbe().attach(fixture.client.subscribeToStream('account-1'));
    await probe.until(has('caughtUp'));

    expect(fixture.server.dropSubscriptions('silent')).toBe(1);
    await probe.until(has('end'));

    expect(kinds(probe.entries)).toEqual(['caughtUp', 'end']);
  });
});
