import { MalformedEventError } from './malformed-event.error';

export type StoredData = Readonly<Record<string, unknown>>;

/**
 * Reads stored JSON field by field, each read checking its shape; the first field that does not
 * fit throws MalformedEventError naming it. `optional…` reads upcast a field older events lack.
 */
export function fieldReader(eventType: string, data: StoredData) {
  const fail = (field: string, rule: string): never => {
    throw new MalformedEventError(eventType, field, rule);
  };
  if (data === null || typeof data !== 'object' || Array.isArray(data)) fail('data', 'must be an object');
  const string = (field: string): string => {
    const value = data[field];
    return typeof value === 'string' ? value : fail(field, 'must be a string');
  };
  const nullableString = (field: string): string | null => (data[field] === null ? null : string(field));
  const boolean = (field: string): boolean => {
    const value = data[field];
    return typeof value === 'boolean' ? value : fail(field, 'must be true or false');
  };
  const number = (field: string): number => {
    const value = data[field];
    return typeof value === 'number' && Number.isFinite(value) ? value : fail(field, 'must be a finite number');
  };
  const integer = (field: string): number => {
    const value = number(field);
    return Number.isInteger(value) ? value : fail(field, 'must be an integer');
  };
  const nullableInteger = (field: string): number | null => (data[field] === null ? null : integer(field));
  const instant = (field: string): string => {
    const value = string(field);
    return Number.isNaN(Date.parse(value)) ? fail(field, 'must be an ISO-8601 instant') : value;
  };
  const nullableInstant = (field: string): string | null => (data[field] === null ? null : instant(field));
  const oneOf = <T extends string>(field: string, values: readonly T[]): T => {
    const value = data[field];
    return (values as readonly unknown[]).includes(value) ? (value as T) : fail(field, `must be one of ${values.join(', ')}`);
  };
  const nullableOneOf = <T extends string>(field: string, values: readonly T[]): T | null =>
    data[field] === null ? null : oneOf(field, values);
  const array = (field: string): unknown[] => {
    const value = data[field];
    return Array.isArray(value) ? value : fail(field, 'must be an array');
  };
  const stringArray = (field: string): string[] =>
    array(field).map((item) => (typeof item === 'string' ? item : fail(field, 'must hold strings only')));
  const oneOfArray = <T extends string>(field: string, values: readonly T[]): T[] =>
    array(field).map((item) =>
      (values as readonly unknown[]).includes(item) ? (item as T) : fail(field, `must hold only ${values.join(', ')}`),
    );
  const heads = (field: string): Record<string, { revision: string; hash: string }> => {
    const value = data[field];
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail(field, 'must be an object');
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, head]) => {
        const { revision, hash } = (head ?? {}) as { revision?: unknown; hash?: unknown };
        if (typeof revision !== 'string' || typeof hash !== 'string') return fail(`${field}.${key}`, 'must hold a revision and a hash');
        return [key, { revision, hash }];
      }),
    );
  };
  const saltedHashes = (field: string): { salt: string; hash: string }[] =>
    array(field).map((item) => {
      const { salt, hash } = (item ?? {}) as { salt?: unknown; hash?: unknown };
      return typeof salt === 'string' && typeof hash === 'string' ? { salt, hash } : fail(field, 'must hold { salt, hash } pairs');
    });
  const missing = (field: string): boolean => !(field in data) || data[field] === undefined;
  return {
    string,
    nullableString,
    number,
    integer,
    nullableInteger,
    boolean,
    instant,
    nullableInstant,
    oneOf,
    nullableOneOf,
    stringArray,
    oneOfArray,
    /** Salted hashes (recovery codes): `[{ salt, hash }]`. */
    saltedHashes,
    /** Stream heads by stream id (the audit digest's). */
    heads,
    /** Upcast: `fallback` when the field is absent (written before it existed). */
    optionalString: (field: string, fallback: string): string => (missing(field) ? fallback : string(field)),
    optionalOneOf: <T extends string>(field: string, values: readonly T[], fallback: T): T =>
      missing(field) ? fallback : oneOf(field, values),
    optionalInteger: (field: string, fallback: number): number => (missing(field) ? fallback : integer(field)),
    optionalInstant: (field: string, fallback: string): string => (missing(field) ? fallback : instant(field)),
    /** Upcast: `fallback` (null unless given) when the field is absent. */
    optionalNullableString: (field: string, fallback: string | null = null): string | null =>
      missing(field) ? fallback : nullableString(field),
    optionalNullableInstant: (field: string): string | null => (missing(field) ? null : nullableInstant(field)),
    optionalNullableInteger: (field: string): number | null => (missing(field) || data[field] === null ? null : integer(field)),
    optionalBoolean: (field: string, fallback: boolean): boolean => (missing(field) ? fallback : boolean(field)),
  };
}

export type FieldReader = ReturnType<typeof fieldReader>;
