/** The value, or a thrown error naming what a test expected to find: reads an index without a `!`. */
export function defined<T>(value: T | undefined, what = 'the value'): T {
  if (value === undefined) throw new Error(`expected ${what} to be defined`);
  return value;
}
