/** `undefined` or `[]` means "every stream". */
export function hasStreamFilter(prefixes: readonly string[] | undefined): prefixes is readonly string[] {
  return prefixes !== undefined && prefixes.length > 0;
}

/** Exact, case-sensitive prefix match, as the `streamPrefixes` option defines it. */
export function matchesStreamPrefixes(streamId: string, prefixes: readonly string[] | undefined): boolean {
  return !hasStreamFilter(prefixes) || prefixes.some((prefix) => streamId.startsWith(prefix));
}
