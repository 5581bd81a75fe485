import { randomBytes } from 'node:crypto';
import { RecordSeal } from './record-seal';

describe('RecordSeal', () => {
  const seal = new RecordSeal(randomBytes(32));

  it('opens what it sealed for the same record, and shows none of the plaintext', () => {
    const sealed = seal.seal('record-1', '{"token":"session-token-value"}');
    expect(sealed).not.toContain('session-token-value');
    expect(seal.open('record-1', sealed)).toBe('{"token":"session-token-value"}');
  });

  it('refuses a text moved to another record, altered, or sealed under another key', () => {
    const sealed = seal.seal('record-1', 'answer');
    expect(() => seal.open('record-2', sealed)).toThrow(/authentication failed/);
    const altered = sealed.slice(0, -3) + (sealed.endsWith('AAA') ? 'BBB' : 'AAA');
    expect(() => seal.open('record-1', altered)).toThrow(/authentication failed|not a sealed record/);
    expect(() => new RecordSeal(randomBytes(32)).open('record-1', sealed)).toThrow(/authentication failed/);
    expect(() => seal.open('record-1', 'plain text')).toThrow(/not a sealed record/);
  });

  it('takes only a 32-byte key', () => {
    expect(() => new RecordSeal(randomBytes(16))).toThrow(RangeError);
  });
});
