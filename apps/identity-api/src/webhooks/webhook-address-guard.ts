import { BlockList, isIP } from 'node:net';
import { lookup, LookupAddress, LookupOptions } from 'node:dns';
import { judgeIpv6 } from './ipv6-special-ranges';

/**
 * Where a webhook may not point (server-side request forgery): private, loopback, link-local,
 * carrier-grade NAT, multicast, reserved, documentation and "this network" IPv4 addresses; for
 * IPv6 everything but global unicast (ipv6-special-ranges.ts), with an embedded IPv4 address
 * (mapped, compatible, NAT64, 6to4, Teredo) judged as IPv4.
 * `WEBHOOK_ALLOW_PRIVATE_NETWORKS=true` lifts the rule (tests, closed networks).
 */
const FORBIDDEN = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  FORBIDDEN.addSubnet(network, prefix, 'ipv4');

export class ForbiddenAddressError extends Error {
  readonly code = 'EWEBHOOKFORBIDDENADDRESS';
  constructor() {
    super('the address is private, loopback or link-local');
    this.name = 'ForbiddenAddressError';
  }
}

export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return FORBIDDEN.check(address, 'ipv4');
  if (family === 0) return true;
  const verdict = judgeIpv6(address);
  if (verdict.kind === 'embedded') return verdict.ipv4.some((ipv4) => FORBIDDEN.check(ipv4, 'ipv4'));
  return verdict.kind === 'refused';
}

/** The host of a URL as an address when it is one (brackets of IPv6 removed), else null. */
export function literalAddress(url: URL): string | null {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return isIP(host) ? host : null;
}

/** Every address the URL's host resolves to now. Throws the resolver's error when it does not resolve. */
export async function resolveHost(url: URL): Promise<string[]> {
  const literal = literalAddress(url);
  if (literal) return [literal];
  const addresses = await new Promise<LookupAddress[]>((resolve, reject) =>
    lookup(url.hostname, { all: true, verbatim: true }, (error, found) => (error ? reject(error) : resolve(found))),
  );
  return addresses.map((entry) => entry.address);
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for `http.request` that refuses forbidden addresses at connection time, so a host name
 * that resolved to a public address when the webhook was created and to a private one now (DNS
 * rebinding) is still refused. Handles both the single-address and the `all: true` forms.
 */
export function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const [first] = addresses;
    if (first === undefined || addresses.some((entry) => isForbiddenAddress(entry.address))) {
      return callback(new ForbiddenAddressError(), []);
    }
    if (options.all) return callback(null, addresses);
    return callback(null, first.address, first.family);
  });
}
