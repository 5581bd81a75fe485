import { unexpired } from './expiry';

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

  it('compares instants, not strings (an offset or a shorter form is the same instant)', () => {
    const items = { a: item('2026-01-01T13:30:00+02:00'), b: item('2026-01-01T12:00:01Z') };
    expect(Object.keys(unexpired(items, at))).toEqual(['b']);
  });
});
