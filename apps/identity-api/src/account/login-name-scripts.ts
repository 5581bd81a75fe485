import { registerDecorator, ValidationOptions } from 'class-validator';

/**
 * Unicode TR 39's "highly restrictive" rule for login names: all letters from one script, or one of
 * the combinations people write in (Latin with Han and Japanese kana, with Han and Bopomofo, with Han
 * and Hangul). Characters of the Common and Inherited scripts (digits, . _ @ + -, combining marks)
 * go with any script. `аdmin` (Cyrillic а) and `paypαl` (Greek α) are refused.
 */
const SCRIPTS = [
  'Latin',
  'Greek',
  'Cyrillic',
  'Armenian',
  'Hebrew',
  'Arabic',
  'Syriac',
  'Thaana',
  'Devanagari',
  'Bengali',
  'Gurmukhi',
  'Gujarati',
  'Oriya',
  'Tamil',
  'Telugu',
  'Kannada',
  'Malayalam',
  'Sinhala',
  'Thai',
  'Lao',
  'Tibetan',
  'Myanmar',
  'Georgian',
  'Hangul',
  'Ethiopic',
  'Cherokee',
  'Khmer',
  'Mongolian',
  'Hiragana',
  'Katakana',
  'Bopomofo',
  'Han',
] as const;
const MATCHERS = SCRIPTS.map((script) => [script, new RegExp(`\\p{Script_Extensions=${script}}`, 'u')] as const);
const NEUTRAL = /^[\p{Script=Common}\p{Script=Inherited}]$/u;
const ALLOWED_MIXES: readonly (readonly string[])[] = [
  ['Latin', 'Han', 'Hiragana', 'Katakana'],
  ['Latin', 'Han', 'Bopomofo'],
  ['Latin', 'Han', 'Hangul'],
];

/** The scripts the name's letters come from when they are allowed together; null when they are mixed. */
export function loginNameScripts(name: string): string[] | null {
  let common = null as Set<string> | null;
  const seen = new Set<string>();
  for (const char of name.normalize('NFKC')) {
    if (NEUTRAL.test(char)) continue;
    const scripts = new Set<string>(MATCHERS.filter(([, pattern]) => pattern.test(char)).map(([script]) => script));
    if (scripts.size === 0) scripts.add(`U+${char.codePointAt(0)?.toString(16)}`);
    scripts.forEach((script) => seen.add(script));
    common = common === null ? scripts : new Set([...common].filter((script) => scripts.has(script)));
  }
  if (common === null) return [];
  if (common.size > 0) return [...common];
  const mix = ALLOWED_MIXES.find((allowed) => [...seen].every((script) => allowed.includes(script)));
  return mix ? [...seen] : null;
}

export function IsSingleScriptLoginName(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      target: target.constructor,
      propertyName,
      options: { message: 'loginName mixes letters of different scripts', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && loginNameScripts(value) !== null },
    });
}
