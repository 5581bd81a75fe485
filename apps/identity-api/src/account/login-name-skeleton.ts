import { createHash } from 'node:crypto';
import { normalizeLoginName } from './login-name-key';

/**
 * Unicode TR 39 skeletons, so that a name that looks like a taken one is refused: `paypa1`, `rnike`
 * and `аdmin` have the skeletons of `paypal`, `mike` and `admin`. No maintained npm package ships
 * the confusables data with TR 39's skeleton (the `confusables` package uses a table of its own),
 * so this is a subset of confusables.txt (Unicode 15.1), folded to the lower case our names are
 * compared in: the Cyrillic, Greek and Latin look-alikes of Latin letters, digits that pass for
 * letters, and `rn` for `m`. Extend it from confusables.txt when names in more scripts are common.
 */
const PROTOTYPES: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a',
  е: 'e',
  һ: 'h',
  і: 'i',
  ј: 'j',
  ӏ: 'l',
  о: 'o',
  р: 'p',
  с: 'c',
  у: 'y',
  х: 'x',
  ѕ: 's',
  ԁ: 'cl',
  ԛ: 'q',
  ԝ: 'vv',
  ү: 'y',
  // Greek
  α: 'a',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  υ: 'u',
  ϲ: 'c',
  ϳ: 'j',
  // Latin look-alikes, digits that pass for letters, and letters that two others imitate
  ı: 'i',
  ɩ: 'i',
  ℓ: 'l',
  ɑ: 'a',
  ɡ: 'g',
  '0': 'o',
  '1': 'l',
  '|': 'l',
  ǀ: 'l',
  m: 'rn',
  d: 'cl',
  w: 'vv',
};

export function loginNameSkeleton(loginName: string): string {
  const folded = normalizeLoginName(loginName).normalize('NFD');
  let mapped = '';
  for (const char of folded) mapped += PROTOTYPES[char] ?? char;
  return mapped.normalize('NFD');
}

/** The stream that claims a skeleton: `loginskeleton-<digest>`, one small stream per registered name. */
export function loginSkeletonStream(loginName: string): string {
  return `loginskeleton-${createHash('sha256').update(loginNameSkeleton(loginName)).digest('hex').slice(0, 40)}`;
}
