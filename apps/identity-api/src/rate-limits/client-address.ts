import { isIP } from 'node:net';

type Headers = Record<string, string | string[] | undefined>;

/**
 * The client's address for rate limits and event metadata: the socket's peer, unless `trustedHops`
 * proxies stand in front (TRUST_PROXY). Then the address is the one `trustedHops` entries from the
 * right of `X-Forwarded-For` + socket, as Express's `trust proxy = n` reads it; entries a client
 * added further left are ignored, and a malformed entry falls back to the nearest trusted hop.
 */
export function clientAddress(headers: Headers, socketAddress: string | undefined | null, trustedHops: number): string | null {
  const socket = socketAddress ? plain(socketAddress) : null;
  if (trustedHops === 0 || socket === null) return socket;
  const raw = headers['x-forwarded-for'];
  const forwarded = (Array.isArray(raw) ? raw.join(',') : (raw ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chain = [...forwarded, socket];
  let address = socket;
  for (let hop = 1; hop <= trustedHops; hop++) {
    const hopAddress = chain[chain.length - 1 - hop];
    if (hopAddress === undefined) break;
    const candidate = plain(hopAddress);
    if (!isIP(candidate)) break;
    address = candidate;
  }
  return address;
}

/** `::ffff:1.2.3.4` is the IPv4 client 1.2.3.4. */
function plain(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}
