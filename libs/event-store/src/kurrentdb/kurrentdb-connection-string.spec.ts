import { normalizeConnectionString } from './kurrentdb-connection-string';

describe('normalizeConnectionString', () => {
  it.each([
    ['esdb://localhost:2113?tls=false', 'kurrentdb://localhost:2113?tls=false'],
    ['ESDB+discover://a:2113,b:2113', 'kurrentdb+discover://a:2113,b:2113'],
    ['  kurrentdb://localhost:2113?tls=false\n', 'kurrentdb://localhost:2113?tls=false'],
    ['kurrentdb+discover://user:esdb%3A%2F%2F@host:2113', 'kurrentdb+discover://user:esdb%3A%2F%2F@host:2113'],
  ])('gives the client the current scheme for %j (the legacy one makes it print a deprecation warning)', (raw, expected) => {
    expect(normalizeConnectionString(raw)).toBe(expected);
  });

  it('refuses an empty setting, naming it', () => {
    expect(() => normalizeConnectionString('  ')).toThrow(/^KURRENTDB_CONNECTION_STRING is empty/);
    expect(() => normalizeConnectionString(undefined)).toThrow(/^KURRENTDB_CONNECTION_STRING is empty/);
  });
});
