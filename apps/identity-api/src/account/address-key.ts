import { isIP } from 'node:net';
import { UNKNOWN_ADDRESS_KEY } from '@identity/domain';
import { CodeHasher } from '@identity/security';

/**
 * The key the lockout counts a client address under (docs/adr/0005-lockout.md): a keyed hash
 * (HMAC under the master key), so stored events do not hold the address itself in their data. An
 * IPv6 client counts by its /64 (one subscriber's network: a host picks any address in it); no
 * known address shares one key.
 */
export function addressKeyOf(codes: CodeHasher, ip: string | null): string {
  if (ip === null || isIP(ip) === 0) return UNKNOWN_ADDRESS_KEY;
  return codes.hash('client-address', isIP(ip) === 6 ? ipv6Prefix64(ip) : ip).slice(0, 32);
}

/** The first 64 bits of an IPv6 address, as four hex groups (`2001:db8:0:1::/64`). */
export function ipv6Prefix64(ip: string): string {
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const left = groups(head);
  const right = groups(tail);
  const full = ip.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${full
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}
