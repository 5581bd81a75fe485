import { EventStoreUnavailableError, InMemoryEventStore } from '@identity/event-store';
import { login, registered } from '../testing/account-flows';
import { anonymous, refusalOf, startUseCases, UseCases } from '../testing/account-use-cases';
import { RegisterAccountCommand } from './register-account.command';

describe('registerAccount, in process', () => {
  let uc: UseCases;
  beforeEach(async () => {
    uc = await startUseCases();
  });
  afterEach(() => uc.close());

  const register = (loginName: string, password = 'a long enough password') =>
    uc.commands.execute(new RegisterAccountCommand({ loginName, password }, anonymous()));

  it('records the account, and its login name then logs on', async () => {
    const person = await registered(uc);
    expect((await uc.store.readStream(`account-${person.accountId}`)).map((e) => e.type)).toEqual(['AccountRegistered']);
    expect(await login(uc, person)).toMatchObject({ status: 'SUCCEEDED', session: { accountId: person.accountId } });
  });

  it('refuses a login name in use: LOGIN_NAME_TAKEN naming the field', async () => {
    await register('grace');
    expect(await refusalOf(register('grace'))).toEqual({ code: 'LOGIN_NAME_TAKEN', field: 'loginName' });
  });

  it('refuses a login name that differs only in case or Unicode form: LOGIN_NAME_TAKEN', async () => {
    await register('Grace.Hopper');
    expect(await refusalOf(register('grace.hopper'))).toEqual({ code: 'LOGIN_NAME_TAKEN', field: 'loginName' });
    expect(await refusalOf(register('ｇｒａｃｅ.hopper'))).toEqual({ code: 'LOGIN_NAME_TAKEN', field: 'loginName' });
  });

  it('answers UNAVAILABLE when the event store cannot be reached, and records nothing', async () => {
    await uc.close();
    uc = await startUseCases({ store: (inner) => unavailable(inner) });
    expect(await refusalOf(register('grace'))).toEqual({ code: 'UNAVAILABLE' });
    const recorded = [];
    for await (const event of uc.store.readAll()) recorded.push(event);
    expect(recorded).toEqual([]);
  });
});

function unavailable(inner: InMemoryEventStore): InMemoryEventStore {
  return new Proxy(inner, {
    get(target, property, receiver) {
      if (property === 'readStream' || property === 'appendToStream') {
        return () => Promise.reject(new EventStoreUnavailableError('the store is down'));
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}
