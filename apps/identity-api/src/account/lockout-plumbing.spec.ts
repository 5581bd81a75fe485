import { randomUUID } from 'node:crypto';
import { CodeHasher } from '@identity/security';
import { addressKeyOf, ipv6Prefix64 } from './address-key';
import { KeyedQueue } from './keyed-queue';
import { ChallengeIds, LogonEnrollmentIds, PasswordChangeTickets } from './login/challenge-id';
import { RememberedDeviceTokens } from './logon-aids/remembered-device-tokens';

const ids = new ChallengeIds(new CodeHasher(Buffer.alloc(32, 7)));

describe('challenge ids', () => {
  it('round-trips an id this service made', () => {
    const [accountId, challengeId] = [randomUUID(), randomUUID()];
    expect(ids.decode(ids.encode(accountId, challengeId))).toEqual({ accountId, challengeId });
  });

  it('refuses one made from an account id without the key: the old encoding, a wrong tag, another key', () => {
    const [accountId, challengeId] = [randomUUID(), randomUUID()];
    const payload = Buffer.from(`${accountId}:${challengeId}`, 'utf8').toString('base64url');
    expect(ids.decode(payload)).toBeNull();
    expect(ids.decode(`${payload}.${'A'.repeat(43)}`)).toBeNull();
    const other = new ChallengeIds(new CodeHasher(Buffer.alloc(32, 8)));
    expect(ids.decode(other.encode(accountId, challengeId))).toBeNull();
    const [, tag] = ids.encode(accountId, challengeId).split('.');
    const swapped = Buffer.from(`${randomUUID()}:${challengeId}`, 'utf8').toString('base64url');
    expect(ids.decode(`${swapped}.${tag}`)).toBeNull();
  });
});

describe('enrollment ids and password tickets', () => {
  const codes = new CodeHasher(Buffer.alloc(32, 7));
  const [enrollments, tickets] = [new LogonEnrollmentIds(codes), new PasswordChangeTickets(codes)];

  it('round-trip, and no kind is taken for another: each is signed under its own label', () => {
    const [accountId, referenceId] = [randomUUID(), randomUUID()];
    expect(enrollments.decodeReference(enrollments.encode(accountId, referenceId))).toEqual({ accountId, referenceId });
    expect(tickets.decodeReference(tickets.encode(accountId, referenceId))).toEqual({ accountId, referenceId });
    expect(enrollments.decodeReference(ids.encode(accountId, referenceId))).toBeNull();
    expect(enrollments.decodeReference(tickets.encode(accountId, referenceId))).toBeNull();
    expect(tickets.decodeReference(enrollments.encode(accountId, referenceId))).toBeNull();
    expect(ids.decode(enrollments.encode(accountId, referenceId))).toBeNull();
  });
});

describe('remembered-device tokens', () => {
  const tokens = new RememberedDeviceTokens(new CodeHasher(Buffer.alloc(32, 7)));

  it('are 256 random bits, stored as a hash scoped to the account', () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const issued = tokens.issue(a);
    expect(issued.token).toMatch(/^rd1\.[A-Za-z0-9_-]{43}$/);
    expect(issued.tokenHash).not.toContain(issued.token.slice(4));
    expect(tokens.hashOf(a, issued.token)).toBe(issued.tokenHash);
    expect(tokens.hashOf(b, issued.token)).not.toBe(issued.tokenHash);
    expect(tokens.issue(a).token).not.toBe(issued.token);
    expect(tokens.hashOf(a, 'rd1.short')).toBeNull();
    expect(tokens.hashOf(a, null)).toBeNull();
  });
});

describe('address keys', () => {
  const codes = new CodeHasher(Buffer.alloc(32, 7));
  it('keys an IPv6 client by its /64, an IPv4 one by its address, and no address as unknown', () => {
    expect(ipv6Prefix64('2001:db8:0:1::42')).toBe('2001:db8:0:1::/64');
    expect(ipv6Prefix64('2001:0db8:0000:0001:ffff:1:2:3')).toBe('2001:db8:0:1::/64');
    expect(addressKeyOf(codes, '2001:db8:0:1::42')).toBe(addressKeyOf(codes, '2001:db8:0:1:aaaa::1'));
    expect(addressKeyOf(codes, '2001:db8:0:1::42')).not.toBe(addressKeyOf(codes, '2001:db8:0:2::42'));
    expect(addressKeyOf(codes, '203.0.113.7')).not.toBe(addressKeyOf(codes, '203.0.113.8'));
    expect(addressKeyOf(codes, null)).toBe('unknown');
    expect(addressKeyOf(codes, '203.0.113.7')).not.toContain('203');
  });
});

describe('KeyedQueue', () => {
  it('runs tasks of one key one at a time, in order, and forgets a key once it ran dry', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const task = (name: string, ms: number) => () =>
      new Promise<string>((resolve) => {
        log.push(`start ${name}`);
        setTimeout(() => {
          log.push(`end ${name}`);
          resolve(name);
        }, ms);
      });
    const failing = queue.run('a', () => Promise.reject(new Error('boom')));
    const results = await Promise.all([queue.run('a', task('a1', 20)), queue.run('a', task('a2', 1)), queue.run('b', task('b1', 5))]);
    await expect(failing).rejects.toThrow('boom');
    expect(results).toEqual(['a1', 'a2', 'b1']);
    expect(log.indexOf('end a1')).toBeLessThan(log.indexOf('start a2'));
    expect(log.indexOf('start b1')).toBeLessThan(log.indexOf('end a1'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(queue.size).toBe(0);
  });
});
