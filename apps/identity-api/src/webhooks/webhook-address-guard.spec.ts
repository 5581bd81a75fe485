import { guardedLookup, isForbiddenAddress, literalAddress, resolveHost } from './webhook-address-guard';

describe('isForbiddenAddress', () => {
  it.each([
    '127.0.0.1',
    '127.1.2.3',
    '10.0.0.1',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '0.0.0.0',
    '100.64.0.1',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'fd12:3456::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '224.0.0.1',
    'not-an-address',
  ])('refuses %s', (address) => expect(isForbiddenAddress(address)).toBe(true));

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111'])('allows %s', (address) =>
    expect(isForbiddenAddress(address)).toBe(false),
  );
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

describe('IPv6 special-purpose ranges', () => {
  it.each([
    '64:ff9b:1::a00:1',
    '64:ff9b::7f00:1',
    '64:ff9b::10.0.0.1',
    '2002:7f00:1::1',
    '2002:a00:1::',
    '2001:0:4136:e378:8000:63bf:f5ff:fffe',
    '::127.0.0.1',
    '::a00:1',
    '::ffff:192.168.0.1',
    '2001:db8::1',
    '2001:2::1',
    '3fff::1',
    'fec0::1',
    '100::1',
    'ff02::1',
    'fe80::1%eth0',
    '2001:0:a00:1:8000:63bf:9e59:ffff',
  ])('refuses %s', (address) => expect(isForbiddenAddress(address)).toBe(true));

  it.each(['2a00:1450:4001:80b::200e', '64:ff9b::808:808', '2002:808:808::1', '2001:0:808:808::f7f7:f7f7', '::ffff:8.8.8.8'])(
    'allows %s, whose embedded IPv4 address (if any) is public',
    (address) => expect(isForbiddenAddress(address)).toBe(false),
  );
});
