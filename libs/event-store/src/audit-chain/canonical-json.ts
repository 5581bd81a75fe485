/**
 * Canonical JSON as RFC 8785 (JCS) defines it for the values events hold: object members sorted by
 * their names' UTF-16 code units, no whitespace, strings and numbers exactly as `JSON.stringify`
 * writes them (ECMAScript number serialisation). Like `JSON.stringify`, members whose value is
 * `undefined` (or a function) are left out, `toJSON` is honoured and non-finite numbers become
 * `null`, so a value and its JSON round trip (what a store gives back) serialise the same.
 */
export function canonicalJson(value: unknown): string {
  const text = serialise(value);
  if (text === undefined) throw new TypeError('canonicalJson: the value has no JSON form');
  return text;
}

/** String concatenation rather than arrays and joins: this runs for every event `audit verify` reads. */
function serialise(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return serialise((value as { toJSON(): unknown }).toJSON());
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i += 1) out += `${i > 0 ? ',' : ''}${serialise(value[i]) ?? 'null'}`;
    return `${out}]`;
  }
  const keys = Object.keys(value);
  if (keys.length > 1) keys.sort();
  let out = '{';
  for (const key of keys) {
    const member = serialise((value as Record<string, unknown>)[key]);
    if (member !== undefined) out += `${out.length > 1 ? ',' : ''}${JSON.stringify(key)}:${member}`;
  }
  return `${out}}`;
}
