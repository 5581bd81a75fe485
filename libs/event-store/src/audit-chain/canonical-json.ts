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

function serialise(value: unknown): string | undefined {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return serialise((value as { toJSON(): unknown }).toJSON());
  }
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => serialise(item) ?? 'null').join(',')}]`;
  const members: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const member = serialise((value as Record<string, unknown>)[key]);
    if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
  }
  return `{${members.join(',')}}`;
}
