import { isIPv6 } from 'node:net';

/**
 * IPv6 for the webhook guard: only global unicast (2000::/3) passes, minus the special-purpose
 * ranges inside it (IANA's registry), and addresses that carry an IPv4 address (IPv4-mapped and
 * -compatible, NAT64 64:ff9b::/96, 6to4, Teredo) are judged by that IPv4 address.
 */
export type Ipv6Verdict = { kind: 'refused' } | { kind: 'allowed' } | { kind: 'embedded'; ipv4: string[] };

/** [first group, prefix length, the groups that follow] of ranges inside 2000::/3 that are refused. */
const REFUSED_IN_GLOBAL: readonly (readonly [number[], number])[] = [
  [[0x2001, 0x0000], 23], // IETF protocol assignments (Teredo, 2001:0::/32, is unwrapped first)
  [[0x2001, 0x0db8], 32], // documentation
  [[0x3fff, 0x0000], 20], // documentation (RFC 9637)
];

export function judgeIpv6(address: string): Ipv6Verdict {
  const groups = ipv6Groups(address);
  if (!groups) return { kind: 'refused' };
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups;
  const zeroTo = (n: number) => groups.slice(0, n).every((g) => g === 0);
  if (zeroTo(5) && g5 === 0xffff) return { kind: 'embedded', ipv4: [ipv4(g6, g7)] }; // ::ffff:a.b.c.d
  if (zeroTo(6) && (g6 !== 0 || g7 > 1)) return { kind: 'embedded', ipv4: [ipv4(g6, g7)] }; // ::a.b.c.d (compatible)
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) {
    return { kind: 'embedded', ipv4: [ipv4(g6, g7)] }; // NAT64, well-known prefix
  }
  if (g0 === 0x2002) return { kind: 'embedded', ipv4: [ipv4(g1, g2)] }; // 6to4
  if (g0 === 0x2001 && g1 === 0) {
    return { kind: 'embedded', ipv4: [ipv4(g2, g3), ipv4(g6 ^ 0xffff, g7 ^ 0xffff)] }; // Teredo: server, client (obfuscated)
  }
  if ((g0 & 0xe000) !== 0x2000) return { kind: 'refused' }; // not global unicast: ::, ::1, fc00::/7, fe80::/10, ff00::/8, 64:ff9b:1::/48…
  if (REFUSED_IN_GLOBAL.some(([prefix, length]) => matches(groups, prefix, length))) return { kind: 'refused' };
  return { kind: 'allowed' };
}

function matches(groups: Ipv6Groups, prefix: number[], length: number): boolean {
  for (let bit = 0; bit < length; bit++) {
    const index = Math.floor(bit / 16);
    const mask = 1 << (15 - (bit % 16));
    if (((groups[index] ?? 0) & mask) !== ((prefix[index] ?? 0) & mask)) return false;
  }
  return true;
}

const ipv4 = (high: number, low: number) => `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;

type Ipv6Groups = [number, number, number, number, number, number, number, number];

/** The eight 16-bit groups of an IPv6 address (a dotted IPv4 tail and a zone id allowed), or null. */
export function ipv6Groups(address: string): Ipv6Groups | null {
  const plain = address.replace(/%.*$/, '');
  if (!isIPv6(plain)) return null;
  let text = plain;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    // The pattern has four capture groups and none is optional, so there are four numbers.
    const [a, b, c, d] = dotted.slice(1, 5).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, null];
  const parse = (part: string) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = tail === null ? [] : parse(tail);
  const missing = 8 - left.length - right.length;
  if (tail === null ? missing !== 0 : missing < 0) return null;
  const groups = [...left, ...new Array<number>(missing).fill(0), ...right];
  // Checked above: left, the zeros and right make exactly eight groups.
  return groups.length === 8 ? (groups as Ipv6Groups) : null;
}
