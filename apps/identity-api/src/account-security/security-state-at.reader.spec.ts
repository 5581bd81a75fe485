import { randomUUID } from 'node:crypto';
import { AccountEvent, accountStream, applyToSecurityView, AccountSecurityView } from '@identity/domain';
import { InMemoryEventStore } from '@identity/event-store';
import { at, registered, T0, totpProtected } from '@identity/testing';
import { SecurityStateAtReader } from './security-state-at.reader';

const ACCOUNT = 'acc-1';
const metadata = { correlationId: 'c', causationId: null, actor: null, ip: null, userAgent: null };

async function storeWith(events: AccountEvent[], accountId = ACCOUNT): Promise<InMemoryEventStore> {
  const store = new InMemoryEventStore();
  await store.appendToStream(
    accountStream(accountId),
    events.map((e) => ({ id: randomUUID(), type: e.type, data: e.data, metadata })),
    'any',
  );
  return store;
}

const ms = (instant: string, delta = 0) => new Date(Date.parse(instant) + delta);

describe('SecurityStateAtReader: the account stream folded up to an instant', () => {
  // registered at T0, verification started at 10 s, verified at 20 s, enrollment at 30 s, bound + enabled at 40 s.
  let reader: SecurityStateAtReader;
  let store: InMemoryEventStore;

  beforeEach(async () => {
    store = await storeWith(totpProtected());
    reader = new SecurityStateAtReader(store);
  });
  afterEach(() => store.close());

  it('is null before the account was registered, and for an account that does not exist', async () => {
    expect((await reader.stateAt(ACCOUNT, ms(T0, -1))).view).toBeNull();
    expect(await reader.stateAt('nobody', ms(at(100)))).toEqual({ primaryAccountId: null, view: null });
  });

  it('shows protection off before enabling, with the registration as the last change', async () => {
    for (const instant of [ms(T0), ms(at(20)), ms(at(40), -1)]) {
      const { view } = await reader.stateAt(ACCOUNT, instant);
      expect(view).toMatchObject({ accountId: ACCOUNT, protectionEnabled: false, totpBound: false, totpBoundAt: null, updatedAt: T0 });
    }
  });

  it('shows protection on with totpBoundAt from the binding instant on, the same as the live fold', async () => {
    const { view } = await reader.stateAt(ACCOUNT, ms(at(40)));
    expect(view).toMatchObject({ protectionEnabled: true, scenes: ['LOGON'], method: 'TOTP', totpBound: true, totpBoundAt: at(40) });
    const live = totpProtected().reduce<AccountSecurityView | null>(applyToSecurityView, null);
    expect((await reader.stateAt(ACCOUNT, ms(at(10_000)))).view).toEqual(live);
  });

  it('names the primary account of a RAM user, for the permission check', async () => {
    const ramStore = await storeWith([registered({ accountId: 'ram-1', primaryAccountId: 'acc-1' })], 'ram-1');
    const state = await new SecurityStateAtReader(ramStore).stateAt('ram-1', ms(T0, -1000));
    expect(state).toEqual({ primaryAccountId: 'acc-1', view: null });
    await ramStore.close();
  });

  it('stops at the first event after the instant, so a clock that stepped back cannot mix the order', async () => {
    const events = totpProtected();
    // The binding is recorded with a time before the verification (a clock stepped back): it came later in the stream.
    const stepped = events.map((e) =>
      e.type === 'TotpBound' || e.type === 'ProtectionEnabled' ? { ...e, data: { ...e.data, at: at(5) } } : e,
    ) as AccountEvent[];
    const steppedStore = await storeWith(stepped);
    const { view } = await new SecurityStateAtReader(steppedStore).stateAt(ACCOUNT, ms(at(5)));
    expect(view).toMatchObject({ protectionEnabled: false, totpBound: false });
    await steppedStore.close();
  });
});
