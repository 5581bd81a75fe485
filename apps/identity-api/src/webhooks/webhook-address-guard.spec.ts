import { guardedLookup, isForbiddenAddress, literalAddress, resolveHost } from './webhook-address-guard';

describe('isForbiddenAddress', () => {
  it.each([
    '127.0.0.1', '127.1.2.3', '10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '0.0.0.0', '100.64.0.1',
    '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '224.0.0.1', 'not-an-address',
  ])('refuses %s', (address) => expect(isForbiddenAddress(address)).toBe(true));

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111'])('allows %s', (address) =>
    expect(isForbiddenAddress(address)).toBe(false));
});

describe('resolving a webhook host', () => {
  it('takes a literal address as it is, IPv6 without brackets', async () => {
    expect(literalAddress(new URL('http://[::1]:8080/x'))).toBe('::1');
    expect(literalAddress(new URL('http://example.test/x'))).toBeNull();
    expect(await resolveHost(new URL('http://10.1.2.3/'))).toEqual(['10.1.2.3']);
  });

  it('resolves localhost to a loopback address, which is refused', async () => {
    const addresses = await resolveHost(new URL('http://localhost:1/'));
    expect(addresses.length).toBeGreaterThan(0);
    expect(addresses.every(isForbiddenAddress)).toBe(true);
  });

  it('refuses a loopback host at connection time, in both lookup forms', async () => {
    for (const all of [false, true]) {
      const error = await new Promise((resolve) => guardedLookup('localhost', { all }, (e) => resolve(e)));
      expect(error).toMatchObject({ name: 'ForbiddenAddressError' });
    }
  });
});
