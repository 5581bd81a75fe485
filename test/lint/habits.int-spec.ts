import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Issue 8, acceptance 4: `npm run lint` fails on a non-exhaustive switch over a union (a `default:`
 * does not count) and on unformatted code. Linted and formatted as files at these paths would be.
 */
const root = join(__dirname, '..', '..');

interface Snippet {
  filePath: string;
  code: string;
}

/** Each snippet linted as the file at its path would be, all in one ESLint run (a type-aware run starts slowly). */
function lintAll(snippets: readonly Snippet[]): string[][] {
  const output = execFileSync(process.execPath, [join(__dirname, 'lint-snippets.mjs')], {
    cwd: root,
    input: JSON.stringify(snippets),
    encoding: 'utf8',
  });
  return (JSON.parse(output) as { ruleId: string | null }[][]).map((messages) => messages.map((m) => m.ruleId ?? ''));
}

/** What Prettier makes of `code` as the file at `filePath`, with the repository's configuration. */
function formatted(filePath: string, code: string): string {
  return execFileSync(process.execPath, [join(root, 'node_modules/prettier/bin/prettier.cjs'), '--stdin-filepath', filePath], {
    cwd: root,
    input: code,
    encoding: 'utf8',
  });
}

const EVENT_UNION = "type Event = { type: 'Registered' } | { type: 'Locked' } | { type: 'Unlocked' };\n";

const SNIPPETS = {
  switchMissingMember: {
    filePath: 'libs/domain/src/fixture.ts',
    code: `${EVENT_UNION}export function label(event: Event): string {\n  switch (event.type) {\n    case 'Registered':\n      return 'r';\n    case 'Locked':\n      return 'l';\n    default:\n      return '?';\n  }\n}\n`,
  },
  switchNamingEveryMember: {
    filePath: 'libs/domain/src/fixture.ts',
    code: `${EVENT_UNION}export function label(event: Event): string {\n  switch (event.type) {\n    case 'Registered':\n      return 'r';\n    case 'Locked':\n      return 'l';\n    case 'Unlocked':\n      return 'u';\n  }\n}\n`,
  },
  rawMutation: {
    filePath: 'apps/identity-api/src/account/fixture.ts',
    code: "import { Mutation } from '@nestjs/graphql';\nexport const declare = Mutation;\n",
  },
  acknowledgedMutation: {
    filePath: 'apps/identity-api/src/account/fixture.ts',
    code: "import { AcknowledgedMutation } from '../graphql/acknowledged-mutation.decorator';\nexport const declare = AcknowledgedMutation;\n",
  },
} satisfies Record<string, Snippet>;

describe('lint guards the habits', () => {
  let rules: Record<keyof typeof SNIPPETS, string[]>;

  beforeAll(() => {
    const names = Object.keys(SNIPPETS) as (keyof typeof SNIPPETS)[];
    const results = lintAll(names.map((name) => SNIPPETS[name]));
    rules = Object.fromEntries(names.map((name, i) => [name, results[i] ?? []])) as typeof rules;
  });

  it('refuses a switch over an event union that misses a member, even with a default', () => {
    expect(rules.switchMissingMember).toContain('@typescript-eslint/switch-exhaustiveness-check');
  });

  it('accepts the switch that names every member', () => {
    expect(rules.switchNamingEveryMember).not.toContain('@typescript-eslint/switch-exhaustiveness-check');
  });

  it('refuses a mutation declared without AcknowledgedMutation, and accepts one declared with it', () => {
    expect(rules.rawMutation).toContain('no-restricted-imports');
    expect(rules.acknowledgedMutation).not.toContain('no-restricted-imports');
  });

  it('finds unformatted code, and leaves formatted code as it is', () => {
    const messy = 'export const  answer = {a:1,\n  b : "two"}\n';
    const tidy = formatted('apps/identity-api/src/fixture.ts', messy);
    expect(tidy).not.toBe(messy);
    expect(formatted('apps/identity-api/src/fixture.ts', tidy)).toBe(tidy);
  });
});
