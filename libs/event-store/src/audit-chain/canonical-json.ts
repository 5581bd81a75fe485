/**
 * Canonical JSON as RFC 8785 (JCS) defines it for the values events hold: object members sorted by
 * their names' UTF-16 code units, no whitespace, strings and numbers exactly as `JSON.stringify`
 * writes them (ECMAScript number serialisation). Like `JSON.stringify`, members whose value is
 * `undefined` (or a function) are left out, `toJSON` is honoured and non-finite numbers become
 * `null`, so a value and its JSON round trip (what a store gives back) serialise the same.
 *
 * This runs for every event `audit verify` reads, so the usual way is a copy of the value with its
 * members inserted in sorted order, written by the native `JSON.stringify` (which keeps insertion
 * order). Where insertion order would not hold (a member named like an array index, which objects
 * list first, or `__proto__`), the value is written member by member instead (`serialise`).
 */
export function canonicalJson(value: unknown): string {
  const sorted = sortedCopy(value);
  const text = sorted === REORDERED ? serialise(value) : (JSON.stringify(sorted) as string | undefined);
  if (text === undefined) throw new TypeError('canonicalJson: the value has no JSON form');
  return text;
}

/** `sortedCopy`'s answer for a value whose copy would not keep its members' sorted order. */
const REORDERED = Symbol('reordered');
const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;

/** The value with every object's members in sorted order (already-sorted objects are still copied: V8 may reorder nothing else). */
function sortedCopy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return sortedCopy((value as { toJSON(): unknown }).toJSON());
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i += 1) {
      const item = sortedCopy(value[i]);
      if (item === REORDERED) return REORDERED;
      out[i] = item;
    }
    return out;
  }
  const keys = sortedKeys(value);
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    if (key === '__proto__' || ARRAY_INDEX.test(key)) return REORDERED;
    const member = sortedCopy((value as Record<string, unknown>)[key]);
    if (member === REORDERED) return REORDERED;
    out[key] = member;
  }
  return out;
}

/** `Object.keys` in UTF-16 code-unit order, sorted only when not in that order already. */
function sortedKeys(value: object): string[] {
  const keys = Object.keys(value);
  for (let i = 1; i < keys.length; i += 1) {
    if ((keys[i - 1] as string) > (keys[i] as string)) return keys.sort();
  }
  return keys;
}

/** Member by member, by string concatenation: for values whose sorted copy would be reordered. */
function serialise(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return serialise((value as { toJSON(): unknown }).toJSON());
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i += 1) out += `${i > 0 ? ',' : ''}${serialise(value[i]) ?? 'null'}`;
    return `${out}]`;
  }
  const keys = sortedKeys(value);
  let out = '{';
  for (const key of keys) {
    const member = serialise((value as Record<string, unknown>)[key]);
    if (member !== undefined) out += `${out.length > 1 ? ',' : ''}${JSON.stringify(key)}:${member}`;
  }
  return `${out}}`;
}
