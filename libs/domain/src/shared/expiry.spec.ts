import { unexpired, withItems } from './expiry';

describe('unexpired', () => {
  const at = '2026-01-01T12:00:00.000Z';
  const item = (expiresAt: string, completed = false) => ({ expiresAt, completed });

  it('answers the same record, not a copy, when every item is alive (one ending exactly now is alive)', () => {
    const items = { a: item('2026-01-01T12:00:00.000Z'), b: item('2026-01-01T13:00:00.000Z') };
    expect(unexpired(items, at)).toBe(items);
  });

  it('drops the expired items wherever they are, keeping the others in order, without touching the input', () => {
    const items = {
      gone1: item('2026-01-01T11:00:00.000Z'),
      a: item('2026-01-01T12:30:00.000Z'),
      gone2: item('2026-01-01T11:59:59.999Z'),
      b: item('2026-01-02T00:00:00.000Z'),
    };
    const kept = unexpired(items, at);
    expect(Object.keys(kept)).toEqual(['a', 'b']);
    expect(kept.a).toBe(items.a);
    expect(Object.keys(items)).toHaveLength(4);
  });

  it('also drops the items the predicate refuses', () => {
    const items = {
      done: item('2026-01-02T00:00:00.000Z', true),
      open: item('2026-01-02T00:00:00.000Z'),
    };
    expect(Object.keys(unexpired(items, at, (i) => !i.completed))).toEqual(['open']);
  });

  it('keeps an item whose time cannot be read, and still drops the expired ones beside it', () => {
    const items = { unreadable: item('not a time'), gone: item('2026-01-01T11:00:00.000Z'), a: item('2026-01-01T13:00:00.000Z') };
    expect(Object.keys(unexpired(items, '2026-01-01T10:00:00.000Z'))).toEqual(['unreadable', 'gone', 'a']);
    expect(Object.keys(unexpired(items, at))).toEqual(['unreadable', 'a']);
  });

  it('compares instants, not strings (an offset or a shorter form is the same instant)', () => {
    const items = { a: item('2026-01-01T13:30:00+02:00'), b: item('2026-01-01T12:00:01Z') };
    expect(Object.keys(unexpired(items, at))).toEqual(['b']);
  });

  it('looks at the items of a record once, not on every call: a thousand live sessions cost one scan, then none', () => {
    const items = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`s${i}`, item('2026-01-01T13:00:00.000Z')]));
    expect(unexpired(items, at)).toBe(items); // the first call scans
    const parse = jest.spyOn(Date, 'parse');
    try {
      expect(unexpired(items, '2026-01-01T12:30:00.000Z')).toBe(items);
      expect(parse).toHaveBeenCalledTimes(1); // `at` alone
    } finally {
      parse.mockRestore();
    }
  });

  it('still drops an item added by withItems that expires before all the others', () => {
    const items = { a: item('2026-01-01T13:00:00.000Z') };
    expect(unexpired(items, at)).toBe(items); // its earliest expiry is known now: 13:00
    const added = withItems(items, { early: item('2026-01-01T12:10:00.000Z') });
    expect(Object.keys(added)).toEqual(['a', 'early']);
    expect(unexpired(added, '2026-01-01T12:05:00.000Z')).toBe(added);
    expect(Object.keys(unexpired(added, '2026-01-01T12:20:00.000Z'))).toEqual(['a']);
    // An item replaced by one that lives longer leaves the known earliest too early: a scan, nothing lost.
    const replaced = withItems(added, { early: item('2026-01-01T14:00:00.000Z') });
    expect(unexpired(replaced, '2026-01-01T12:20:00.000Z')).toBe(replaced);
  });
});
