const converted = new Map<string, string>();

/**
 * `?` placeholders as PostgreSQL numbers them: `a = ? AND b IN (?, ?)` becomes `a = $1 AND b IN ($2, $3)`.
 * A `?` inside a quoted literal or identifier is left alone.
 */
export function toPostgresPlaceholders(sql: string): string {
  const cached = converted.get(sql);
  if (cached !== undefined) return cached;
  let out = '';
  let quote: string | null = null;
  let n = 0;
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = null;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === '?') {
      out += `$${++n}`;
    } else {
      out += ch;
    }
  }
  if (converted.size > 500) converted.clear();
  converted.set(sql, out);
  return out;
}
